<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>MainWindow</name>
    <message>
      <source>About Newsdesk</source>
      <translation>关于 Newsdesk</translation>
    </message>
    <message>
      <source>Licensed under the MIT licence. The components below keep their own licences.</source>
      <translation>本程序以 MIT 许可证发布。下列组件各按其自身的许可证使用。</translation>
    </message>
    <message>
      <source>Component</source>
      <translation>组件</translation>
    </message>
    <message>
      <source>Version</source>
      <translation>版本</translation>
    </message>
    <message>
      <source>Licence</source>
      <translation>许可证</translation>
    </message>
    <message>
      <source>Use</source>
      <translation>用途</translation>
    </message>
    <message>
      <source>Layout and proofing for Chinese newspapers.</source>
      <translation>中文报纸排版与校对系统。</translation>
    </message>
    <message>
      <source>Crop mode: drag to move the picture in its frame, wheel or a corner handle to scale it, Esc to leave</source>
      <translation>裁切模式：拖动可在框内移动图片，滚轮或拖动角上的控制点可缩放图片，按 Esc 退出</translation>
    </message>
    <message>
      <source>Show &amp;Thread Arrows</source>
      <translation>显示串接箭头(&amp;T)</translation>
    </message>
    <message>
      <source>Scale %1 %</source>
      <translation>缩放 %1 %</translation>
    </message>
    <message>
      <source>vector PDF</source>
      <translation>矢量 PDF</translation>
    </message>
    <message>
      <source>No such page</source>
      <translation>没有这个版面</translation>
    </message>
    <message>
      <source>Drop pictures onto a picture block</source>
      <translation>请把图片拖到图片块上</translation>
    </message>
    <message>
      <source>effective %1 ppi</source>
      <translation>有效分辨率 %1 ppi</translation>
    </message>
    <message>
      <source>Loaded “%1”: click to place in one column, drag across columns; Esc cancels</source>
      <translation>已装入“%1”：单击放入一栏，拖动跨栏放置；按 Esc 取消</translation>
    </message>
    <message>
      <source>Placed “%1”</source>
      <translation>已置入“%1”</translation>
    </message>
    <message>
      <source>Deleted %1 block(s); their text stays with the stories</source>
      <translation>已删除 %1 个块，文字仍保留在稿件中</translation>
    </message>
    <message>
      <source>No such story: %1</source>
      <translation>找不到稿件：%1</translation>
    </message>
    <message>
      <source>“%1” is already placed in full</source>
      <translation>“%1”已全部排完</translation>
    </message>
    <message>
      <source>%1 · %2 characters left</source>
      <translation>%1 · 余 %2 字</translation>
    </message>
    <message>
      <source>Continued “%1” on page %2</source>
      <translation>已在第 %2 版续排“%1”</translation>
    </message>
    <message>
      <source>Drag to draw the block</source>
      <translation>拖动以画出版块</translation>
    </message>
    <message>
      <source>Focus %1 %, %2 %</source>
      <translation>焦点 %1 %，%2 %</translation>
    </message>
    <message>
      <source>Bring Forward</source>
      <translation>上移一层</translation>
    </message>
    <message>
      <source>Send Backward</source>
      <translation>下移一层</translation>
    </message>
    <message>
      <source>Delete</source>
      <translation>删除</translation>
    </message>
    <message>
      <source>Unlink from Thread</source>
      <translation>断开串接</translation>
    </message>
    <message>
      <source>Place Picture…</source>
      <translation>置入图片…</translation>
    </message>
    <message>
      <source>Crop Mode</source>
      <translation>裁切模式</translation>
    </message>
    <message>
      <source>Edit Story…</source>
      <translation>编辑稿件…</translation>
    </message>
    <message>
      <source>Continue Story (Load Cursor)</source>
      <translation>接续排版（装入光标）</translation>
    </message>
    <message>
      <source>Selection Tool</source>
      <translation>选择工具</translation>
    </message>
    <message>
      <source>Text Block Tool</source>
      <translation>文字块工具</translation>
    </message>
    <message>
      <source>Picture Block Tool</source>
      <translation>图片块工具</translation>
    </message>
    <message>
      <source>Rule Tool</source>
      <translation>线条工具</translation>
    </message>
    <message>
      <source>Box Tool</source>
      <translation>方框工具</translation>
    </message>
    <message>
      <source>Hand Tool</source>
      <translation>抓手工具</translation>
    </message>
    <message>
      <source>Tools</source>
      <translation>工具</translation>
    </message>
    <message>
      <source>&amp;Tools</source>
      <translation>工具(&amp;T)</translation>
    </message>
    <message>
      <source>Import Copy</source>
      <translation>导入稿件</translation>
    </message>
    <message>
      <source>Copy files (*.txt *.docx);;All files (*)</source>
      <translation>稿件文件 (*.txt *.docx);;所有文件 (*)</translation>
    </message>
    <message>
      <source>Open or create an edition first</source>
      <translation>请先打开或新建版面</translation>
    </message>
    <message>
      <source>Some copy files were not imported</source>
      <translation>部分稿件文件未能导入</translation>
    </message>
    <message>
      <source>Imported %1 stories as unplaced copy</source>
      <translation>已导入 %1 篇稿件（未上版）</translation>
    </message>
    <message>
      <source>Not placed</source>
      <translation>未上版</translation>
    </message>
    <message>
      <source>Edition Properties</source>
      <translation>版次属性</translation>
    </message>
    <message>
      <source>Pages:</source>
      <translation>版数：</translation>
    </message>
    <message>
      <source>Delete pages</source>
      <translation>删除版面</translation>
    </message>
    <message>
      <source>Edition properties</source>
      <translation>版次属性</translation>
    </message>
    <message>
      <source>Pages %1 hold stories or pictures. Delete them? Their stories stay unplaced.</source>
      <translation>第 %1 版上有稿件或图片。确定删除吗？其稿件会保留为未上版稿件。</translation>
    </message>
    <message>
      <source>Find and Replace</source>
      <translation>查找和替换</translation>
    </message>
    <message>
      <source>This story</source>
      <translation>当前稿件</translation>
    </message>
    <message>
      <source>All stories</source>
      <translation>全部稿件</translation>
    </message>
    <message>
      <source>Match case</source>
      <translation>区分大小写</translation>
    </message>
    <message>
      <source>Find:</source>
      <translation>查找：</translation>
    </message>
    <message>
      <source>Replace with:</source>
      <translation>替换为：</translation>
    </message>
    <message>
      <source>Search in:</source>
      <translation>范围：</translation>
    </message>
    <message>
      <source>Find Next</source>
      <translation>查找下一个</translation>
    </message>
    <message>
      <source>Find Previous</source>
      <translation>查找上一个</translation>
    </message>
    <message>
      <source>Replace</source>
      <translation>替换</translation>
    </message>
    <message>
      <source>Replace All</source>
      <translation>全部替换</translation>
    </message>
    <message>
      <source>Not found</source>
      <translation>找不到</translation>
    </message>
    <message>
      <source>Replaced %1 matches</source>
      <translation>已替换 %1 处</translation>
    </message>
    <message>
      <source>Match %1 of %2</source>
      <translation>第 %1 处，共 %2 处</translation>
    </message>
    <message>
      <source>An internal error occurred. Your work was saved to an automatic backup (%1). Details: %2</source>
      <translation>发生内部错误。您的工作已存入自动备份（%1）。详细信息：%2</translation>
    </message>
    <message>
      <source>Pages</source>
      <translation>版面</translation>
    </message>
    <message>
      <source>Stories</source>
      <translation>稿件</translation>
    </message>
    <message>
      <source>Properties</source>
      <translation>属性</translation>
    </message>
    <message>
      <source>Preflight</source>
      <translation>印前检查</translation>
    </message>
    <message>
      <source>&amp;File</source>
      <translation>文件(&amp;F)</translation>
    </message>
    <message>
      <source>&amp;New…</source>
      <translation>新建(&amp;N)…</translation>
    </message>
    <message>
      <source>&amp;Open…</source>
      <translation>打开(&amp;O)…</translation>
    </message>
    <message>
      <source>&amp;Save</source>
      <translation>保存(&amp;S)</translation>
    </message>
    <message>
      <source>Save &amp;As…</source>
      <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
      <source>&amp;Import Copy…</source>
      <translation>导入稿件(&amp;I)…</translation>
    </message>
    <message>
      <source>Edition &amp;Properties…</source>
      <translation>版次属性(&amp;P)…</translation>
    </message>
    <message>
      <source>&amp;Export for Print (PDF/X-1a)…</source>
      <translation>导出印刷 PDF（PDF/X-1a）(&amp;E)…</translation>
    </message>
    <message>
      <source>Export &amp;Proof PDF…</source>
      <translation>导出校样 PDF(&amp;P)…</translation>
    </message>
    <message>
      <source>&amp;Quit</source>
      <translation>退出(&amp;Q)</translation>
    </message>
    <message>
      <source>&amp;Edit</source>
      <translation>编辑(&amp;E)</translation>
    </message>
    <message>
      <source>&amp;Undo</source>
      <translation>撤销(&amp;U)</translation>
    </message>
    <message>
      <source>&amp;Redo</source>
      <translation>重做(&amp;R)</translation>
    </message>
    <message>
      <source>&amp;Find…</source>
      <translation>查找(&amp;F)…</translation>
    </message>
    <message>
      <source>Find and &amp;Replace…</source>
      <translation>查找和替换(&amp;R)…</translation>
    </message>
    <message>
      <source>&amp;View</source>
      <translation>视图(&amp;V)</translation>
    </message>
    <message>
      <source>Zoom &amp;In</source>
      <translation>放大(&amp;I)</translation>
    </message>
    <message>
      <source>Zoom &amp;Out</source>
      <translation>缩小(&amp;O)</translation>
    </message>
    <message>
      <source>&amp;Fit Page</source>
      <translation>适合页面(&amp;F)</translation>
    </message>
    <message>
      <source>&amp;Actual Size</source>
      <translation>实际大小(&amp;A)</translation>
    </message>
    <message>
      <source>Show Block &amp;Frames</source>
      <translation>显示版块边框(&amp;F)</translation>
    </message>
    <message>
      <source>&amp;Previous Page</source>
      <translation>上一版(&amp;P)</translation>
    </message>
    <message>
      <source>&amp;Next Page</source>
      <translation>下一版(&amp;N)</translation>
    </message>
    <message>
      <source>&amp;Language</source>
      <translation>语言(&amp;L)</translation>
    </message>
    <message>
      <source>&amp;Help</source>
      <translation>帮助(&amp;H)</translation>
    </message>
    <message>
      <source>&amp;About Newsdesk</source>
      <translation>关于 Newsdesk(&amp;A)</translation>
    </message>
    <message>
      <source>An automatic backup of this edition from %1 holds work that is not in the file, which was saved again later. Recover it?</source>
      <translation>发现此版面 %1 的自动备份，其中有文件里没有的改动（文件后来又保存过）。要恢复吗？</translation>
    </message>
    <message>
      <source>An automatic backup of this edition from %1 is newer than the file. Recover it?</source>
      <translation>发现此版面 %1 的自动备份，比文件更新。要恢复吗？</translation>
    </message>
    <message>
      <source>Recover unsaved work?</source>
      <translation>恢复未保存的工作？</translation>
    </message>
    <message>
      <source>Open Edition</source>
      <translation>打开版面文件</translation>
    </message>
    <message>
      <source>Newsdesk editions (*.newsdesk)</source>
      <translation>Newsdesk 版面文件 (*.newsdesk)</translation>
    </message>
    <message>
      <source>Save Edition As</source>
      <translation>版面文件另存为</translation>
    </message>
    <message>
      <source>Export for Print</source>
      <translation>导出印刷 PDF</translation>
    </message>
    <message>
      <source>Export Proof PDF</source>
      <translation>导出校样 PDF</translation>
    </message>
    <message>
      <source>Exporting…</source>
      <translation>正在导出……</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <source>Language</source>
      <translation>语言</translation>
    </message>
    <message>
      <source>The new language is used the next time Newsdesk starts.</source>
      <translation>新的界面语言将在下次启动 Newsdesk 时生效。</translation>
    </message>
    <message>
      <source>Untitled</source>
      <translation>未命名</translation>
    </message>
    <message>
      <source>Unsaved changes</source>
      <translation>尚未保存</translation>
    </message>
    <message>
      <source>Severity</source>
      <translation>级别</translation>
    </message>
    <message>
      <source>Page</source>
      <translation>版</translation>
    </message>
    <message>
      <source>Finding</source>
      <translation>问题</translation>
    </message>
    <message>
      <source>Open &amp;Recent</source>
      <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
      <source>Exported %1</source>
      <translation>已导出 %1</translation>
    </message>
    <message>
      <source>(forced despite preflight errors)</source>
      <translation>（印前检查有错误，已强制导出并记入文件信息）</translation>
    </message>
    <message>
      <source>Accepted</source>
      <translation>已接受</translation>
    </message>
    <message>
      <source>Save changes to this edition first?</source>
      <translation>要先保存对本版次的修改吗？</translation>
    </message>
    <message>
      <source>Save changes before closing?</source>
      <translation>关闭前保存修改吗？</translation>
    </message>
    <message>
      <source>Cannot open edition</source>
      <translation>无法打开版面文件</translation>
    </message>
    <message>
      <source>Cannot save</source>
      <translation>无法保存</translation>
    </message>
    <message>
      <source>Saved %1</source>
      <translation>已保存 %1</translation>
    </message>
    <message>
      <source>Preflight found errors</source>
      <translation>印前检查发现错误</translation>
    </message>
    <message>
      <source>Cannot export</source>
      <translation>无法导出</translation>
    </message>
    <message>
      <source>Error</source>
      <translation>错误</translation>
    </message>
    <message>
      <source>Warning</source>
      <translation>警告</translation>
    </message>
    <message>
      <source>No problems found</source>
      <translation>未发现问题</translation>
    </message>
    <message>
      <source>Autosave failed: %1</source>
      <translation>自动保存失败：%1</translation>
    </message>
    <message>
      <source>%1 · paragraph %2 · characters %3–%4</source>
      <translation>%1 · 第 %2 段 · 第 %3–%4 字</translation>
    </message>
    <message>
      <source>Paper name:</source>
      <translation>报纸名称：</translation>
    </message>
    <message>
      <source>Date:</source>
      <translation>出版日期：</translation>
    </message>
    <message>
      <source>Issue number:</source>
      <translation>期号：</translation>
    </message>
    <message>
      <source>Enter the paper's name.</source>
      <translation>请填写报纸名称。</translation>
    </message>
    <message>
      <source>, booked ad space</source>
      <translation>，预留广告位</translation>
    </message>
    <message>
      <source>New Edition</source>
      <translation>新建版次</translation>
    </message>
    <message>
      <source>Template:</source>
      <translation>模板：</translation>
    </message>
    <message>
      <source>Daily News</source>
      <translation>新闻日报</translation>
    </message>
    <message>
      <source>Broadsheet (对开), %1 pages</source>
      <translation>对开 %1 版</translation>
    </message>
    <message>
      <source>Delete Page</source>
      <translation>删除版面</translation>
    </message>
    <message>
      <source>Add Page</source>
      <translation>添加版面</translation>
    </message>
    <message>
      <source>%1 holds %2 blocks. Delete the page? Its stories keep their text.</source>
      <translation>%1 上有 %2 个版块。确定删除这个版面吗？稿件的文字会保留。</translation>
    </message>
    <message>
      <source>Place Picture</source>
      <translation>置入图片</translation>
    </message>
    <message>
      <source>Pictures (%1)</source>
      <translation>图片 (%1)</translation>
    </message>
    <message>
      <source>Picture not found: %1</source>
      <translation>找不到图片：%1</translation>
    </message>
    <message>
      <source>Cannot place the picture: %1</source>
      <translation>无法置入图片：%1</translation>
    </message>
    <message>
      <source>Insert</source>
      <translation>增补</translation>
    </message>
    <message>
      <source>Comment</source>
      <translation>批注</translation>
    </message>
    <message>
      <source>Highlight</source>
      <translation>高亮</translation>
    </message>
    <message>
      <source>Open</source>
      <translation>待处理</translation>
    </message>
    <message>
      <source>Applied</source>
      <translation>已应用</translation>
    </message>
    <message>
      <source>Rejected</source>
      <translation>已拒绝</translation>
    </message>
    <message>
      <source>Proof</source>
      <translation>校对</translation>
    </message>
    <message>
      <source>Import Marked &amp;Proof…</source>
      <translation>导入校样(&amp;P)…</translation>
    </message>
    <message>
      <source>Export Page Proof with &amp;Marks…</source>
      <translation>导出校样（含校对记号）(&amp;M)…</translation>
    </message>
    <message>
      <source>Apply</source>
      <translation>应用</translation>
    </message>
    <message>
      <source>Reject</source>
      <translation>拒绝</translation>
    </message>
    <message>
      <source>Import Marked Proof</source>
      <translation>导入校样</translation>
    </message>
    <message>
      <source>Export Page Proof</source>
      <translation>导出校样</translation>
    </message>
    <message>
      <source>Mark</source>
      <translation>校对记号</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <source>Proofreader</source>
      <translation>校对人</translation>
    </message>
    <message>
      <source>Mark the page: drag across characters, or click a gap</source>
      <translation>在版面上标注：拖过要标的文字，或点在字间</translation>
    </message>
    <message>
      <source>Mark the live page:</source>
      <translation>在版面上标注：</translation>
    </message>
    <message>
      <source>Check by hand</source>
      <translation>需人工核对</translation>
    </message>
    <message>
      <source>The marked text has changed: check this mark by hand</source>
      <translation>所标的文字已改动，请人工核对这处校对</translation>
    </message>
    <message>
      <source>Some marks could not be read</source>
      <translation>有些批注未能导入</translation>
    </message>
    <message>
      <source>Proof mark</source>
      <translation>校对记号</translation>
    </message>
    <message>
      <source>Editor</source>
      <translation>编辑</translation>
    </message>
    <message>
      <source>Live</source>
      <translation>版面上标注</translation>
    </message>
    <message>
      <source>Cannot import proof</source>
      <translation>无法导入校样</translation>
    </message>
    <message>
      <source>Text to insert:</source>
      <translation>要增补的文字：</translation>
    </message>
    <message>
      <source>Comment:</source>
      <translation>批注：</translation>
    </message>
    <message>
      <source>Mark within one story part: drag across its characters</source>
      <translation>请在同一篇稿件的同一部分内拖选要标的文字</translation>
    </message>
    <message>
      <source>Imported %1 marks (%2 to check by hand).</source>
      <translation>已导入 %1 处校对记号（其中 %2 处需人工核对）。</translation>
    </message>
    <message>
      <source>Page %1</source>
      <translation>第%1版</translation>
    </message>
    <message>
      <source>%1 marks, %2 open</source>
      <translation>共 %1 处校对记号，%2 处待处理</translation>
    </message>
    <message>
      <source>Exported page proof %1 with %2 open marks</source>
      <translation>已导出校样 %1，画出 %2 处待处理的校对记号</translation>
    </message>
    <message>
      <source>No block selected</source>
      <translation>没有选中版块</translation>
    </message>
    <message>
      <source>Position and size</source>
      <translation>位置和大小</translation>
    </message>
    <message>
      <source>Column (栏):</source>
      <translation>起始栏：</translation>
    </message>
    <message>
      <source>Columns wide:</source>
      <translation>栏宽（栏）：</translation>
    </message>
    <message>
      <source>Line (行):</source>
      <translation>起始行：</translation>
    </message>
    <message>
      <source>Lines deep:</source>
      <translation>行数（行）：</translation>
    </message>
    <message>
      <source>Width (mm):</source>
      <translation>宽（mm）：</translation>
    </message>
    <message>
      <source>Height (mm):</source>
      <translation>高（mm）：</translation>
    </message>
    <message>
      <source>Text</source>
      <translation>文字</translation>
    </message>
    <message>
      <source>Text columns (破栏):</source>
      <translation>块内分栏（破栏）：</translation>
    </message>
    <message>
      <source>one per column</source>
      <translation>按基本栏</translation>
    </message>
    <message>
      <source>Gutter between them (mm):</source>
      <translation>栏间距（毫米）：</translation>
    </message>
    <message>
      <source>grid gutter</source>
      <translation>同网格栏距</translation>
    </message>
    <message>
      <source>Column rules</source>
      <translation>栏线</translation>
    </message>
    <message>
      <source>Head spans columns:</source>
      <translation>标题跨栏：</translation>
    </message>
    <message>
      <source>whole block</source>
      <translation>整个版块</translation>
    </message>
    <message>
      <source>Fit</source>
      <translation>自动适配</translation>
    </message>
    <message>
      <source>Head size:</source>
      <translation>主题字号：</translation>
    </message>
    <message>
      <source>Vertical heads (竖排)</source>
      <translation>标题竖排</translation>
    </message>
    <message>
      <source>Body style:</source>
      <translation>正文样式：</translation>
    </message>
    <message>
      <source>Picture</source>
      <translation>图片</translation>
    </message>
    <message>
      <source>Fill the block (crop)</source>
      <translation>充满版块（裁切）</translation>
    </message>
    <message>
      <source>Fit inside the block</source>
      <translation>完整置入版块</translation>
    </message>
    <message>
      <source>Fit:</source>
      <translation>置入方式：</translation>
    </message>
    <message>
      <source>Scale (%):</source>
      <translation>缩放（%）：</translation>
    </message>
    <message>
      <source>Of the size that fits or fills the block</source>
      <translation>相对于适合或填满图片块时的大小</translation>
    </message>
    <message>
      <source>Crop focus across (%):</source>
      <translation>裁切焦点·横向（%）：</translation>
    </message>
    <message>
      <source>Crop focus down (%):</source>
      <translation>裁切焦点·纵向（%）：</translation>
    </message>
    <message>
      <source>Effective resolution:</source>
      <translation>有效分辨率：</translation>
    </message>
    <message>
      <source>Caption:</source>
      <translation>图片说明：</translation>
    </message>
    <message>
      <source>Credit:</source>
      <translation>署名：</translation>
    </message>
    <message>
      <source>no picture</source>
      <translation>未置入图片</translation>
    </message>
    <message>
      <source>vector (PDF)</source>
      <translation>矢量（PDF）</translation>
    </message>
    <message>
      <source> (too low for print)</source>
      <translation>（低于印刷要求）</translation>
    </message>
    <message>
      <source>Clear List</source>
      <translation>清除列表</translation>
    </message>
    <message>
      <source>Edition not found</source>
      <translation>找不到版面文件</translation>
    </message>
    <message>
      <source>No recent editions</source>
      <translation>没有最近打开的版面文件</translation>
    </message>
    <message>
      <source>%1 no longer exists (moved or deleted). It was removed from the recent list.</source>
      <translation>%1 已不存在（可能已被移动或删除），已从最近打开列表中移除。</translation>
    </message>
    <message>
      <source>Edition changed on disk</source>
      <translation>版面文件已被改动</translation>
    </message>
    <message>
      <source>Keep mine writes your version over those changes; Reload drops your edits and opens the file as it is now; Save As keeps both.</source>
      <translation>“保留我的”用您的版本覆盖那些改动；“重新载入”放弃您的改动，打开文件现在的内容；“另存为”两者都保留。</translation>
    </message>
    <message>
      <source>Keep Mine</source>
      <translation>保留我的</translation>
    </message>
    <message>
      <source>Reload</source>
      <translation>重新载入</translation>
    </message>
    <message>
      <source>Save As…</source>
      <translation>另存为…</translation>
    </message>
    <message>
      <source>%1 was changed by another program or window after you opened it.</source>
      <translation>%1 在您打开之后已被其他程序或窗口改动过。</translation>
    </message>
    <message>
      <source>Edit Story</source>
      <translation>编辑稿件</translation>
    </message>
    <message>
      <source>Story</source>
      <translation>稿件</translation>
    </message>
    <message>
      <source>Length</source>
      <translation>字数</translation>
    </message>
    <message>
      <source>On the pages</source>
      <translation>版面状态</translation>
    </message>
    <message>
      <source>Delete Story</source>
      <translation>删除稿件</translation>
    </message>
    <message>
      <source>Placed</source>
      <translation>已上版</translation>
    </message>
    <message>
      <source>Place…</source>
      <translation>置入…</translation>
    </message>
    <message>
      <source>Kicker</source>
      <translation>引题</translation>
    </message>
    <message>
      <source>Headline</source>
      <translation>主题</translation>
    </message>
    <message>
      <source>Deck</source>
      <translation>副题</translation>
    </message>
    <message>
      <source>Byline</source>
      <translation>署名</translation>
    </message>
    <message>
      <source>Jump head</source>
      <translation>转版标题</translation>
    </message>
    <message>
      <source>Body</source>
      <translation>正文</translation>
    </message>
    <message>
      <source>Body text</source>
      <translation>正文</translation>
    </message>
    <message>
      <source>Subhead</source>
      <translation>小标题</translation>
    </message>
    <message>
      <source>Story Editor</source>
      <translation>稿件编辑</translation>
    </message>
    <message>
      <source>Bold</source>
      <translation>加粗</translation>
    </message>
    <message>
      <source>Bold (Ctrl+B)</source>
      <translation>加粗 (Ctrl+B)</translation>
    </message>
    <message>
      <source>Kai</source>
      <translation>楷</translation>
    </message>
    <message>
      <source>Kai typeface (Ctrl+K)</source>
      <translation>楷体 (Ctrl+K)</translation>
    </message>
    <message>
      <source>Emphasis dots</source>
      <translation>着重号</translation>
    </message>
    <message>
      <source>Emphasis dots (Ctrl+D)</source>
      <translation>着重号 (Ctrl+D)</translation>
    </message>
    <message>
      <source>Paragraph:</source>
      <translation>段落：</translation>
    </message>
    <message>
      <source>No story selected: choose one in the stories panel</source>
      <translation>未选稿件：请在稿件面板中选择</translation>
    </message>
    <message>
      <source>Select text in the body first</source>
      <translation>请先在正文中选中文字</translation>
    </message>
    <message>
      <source>Paragraph style</source>
      <translation>段落样式</translation>
    </message>
  </context>
</TS>
