"""Which out-ports and thread arrows a page shows, read from the edition and the layout engine."""

from __future__ import annotations

from newsdesk.app.overlays import OutPort, ThreadLink
from newsdesk.layout.jump_text import page_name
from newsdesk.layout.threads import resolve_threads


def out_ports(edition, engine, page_index: int) -> list[OutPort]:
    """An out-port on the last block of every overset story (超 N 字) when that block is on the
    page: the place a thread continues from."""
    if edition is None or engine is None:
        return []
    # The engine's last layout is current: the window re-lays after every edit.
    threads = engine.threads()
    ports = []
    for story_id, fit in engine.copyfit(relayout=False).items():
        thread = threads.get(story_id)
        if fit.overset_chars <= 0 or thread is None or not thread.blocks:
            continue
        index, block = thread.blocks[-1]
        if index == page_index:
            ports.append(OutPort(story_id, block.id, (block.x, block.y, block.width, block.height)))
    return ports


def thread_links(edition, page_index: int) -> list[ThreadLink]:
    """Arrows between consecutive blocks of each story's thread as seen from this page."""
    if edition is None:
        return []
    threads, _problems = resolve_threads(edition)
    links = []

    def name(index: int) -> str:  # the other page, named as its jump lines name it
        return page_name(edition.jump_style, index + 1, edition.pages[index].label)

    for story_id, thread in threads.items():
        for (i, a), (j, b) in zip(thread.blocks, thread.blocks[1:]):
            start = (a.x + a.width, a.y + a.height - 6)
            end = (b.x, b.y + 6)
            if i == page_index and j == page_index:
                links.append(ThreadLink(story_id, start, end))
            elif i == page_index:
                links.append(ThreadLink(story_id, start, None, j + 1, name(j)))
            elif j == page_index:
                links.append(ThreadLink(story_id, None, end, i + 1, name(i)))
    return links
