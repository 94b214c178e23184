extension HTMLReport {
    /// The report's whole stylesheet: system fonts only, light and dark schemes.
    static let style = """

    :root{--fg:#1d2330;--muted:#5c6578;--bg:#fff;--panel:#f5f7fa;--line:#dde2ea;--kept:#1a7f37;--reverted:#bf8700;\
    --rejected:#cf222e;--best:#0969da;--add-bg:#e6ffec;--del-bg:#ffebe9;--hunk:#8250df}
    @media (prefers-color-scheme:dark){:root{--fg:#e6e9ef;--muted:#9aa4b5;--bg:#0f1218;--panel:#171c24;--line:#2b3240;\
    --kept:#3fb950;--reverted:#d29922;--rejected:#f85149;--best:#58a6ff;--add-bg:#12361f;--del-bg:#3d1618;--hunk:#bc8cff}}
    *{box-sizing:border-box}
    body{margin:0 auto;max-width:1100px;padding:24px;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;\
    color:var(--fg);background:var(--bg)}
    h1{font-size:24px;margin:0 0 4px}h1 .run{color:var(--muted);font-weight:400}
    h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}
    code,pre{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
    .headline{font-size:18px;margin:4px 0 12px}.headline .score{font-weight:600}.note{color:var(--muted);font-size:13px}
    .facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:0}
    .facts dt{color:var(--muted)}.facts dd{margin:0;overflow-wrap:anywhere}
    .up{color:var(--kept)}.down{color:var(--rejected)}.flat{color:var(--muted)}
    .chart{width:100%;height:auto;background:var(--panel);border-radius:6px}
    .chart .grid{stroke:var(--line);stroke-width:1}.chart .axis{stroke:var(--muted);stroke-width:1}
    .chart text{fill:var(--muted);font-size:11px}.chart .label{font-size:12px}
    .chart .best{fill:none;stroke:var(--best);stroke-width:2}
    .chart .rejected{stroke:var(--rejected);stroke-width:1.5}
    .chart circle{stroke:var(--bg);stroke-width:.5}.chart .kept{fill:var(--kept)}.chart .reverted{fill:var(--reverted)}
    .chart .initial{fill:var(--best)}
    .legend{color:var(--muted);font-size:12px}
    .key{display:inline-block;width:10px;height:10px;border-radius:50%;margin:0 4px 0 12px;vertical-align:-1px}
    .key.best{border-radius:0;height:3px;vertical-align:3px;background:var(--best)}.key.kept{background:var(--kept)}
    .key.reverted{background:var(--reverted)}.key.rejected{border-radius:0;width:2px;background:var(--rejected)}
    table{border-collapse:collapse;width:100%}
    th,td{text-align:left;vertical-align:top;padding:4px 8px;border-bottom:1px solid var(--line)}
    thead th{color:var(--muted);font-weight:500;font-size:12px}
    .num{text-align:right;white-space:nowrap}
    .dimensions th[scope=row]{font-weight:400}.dimensions code{color:var(--muted)}.dimensions .overall th{font-weight:600}
    .bar{display:inline-block;width:80px;height:8px;background:var(--line);border-radius:4px;overflow:hidden;vertical-align:0}
    .bar span{display:block;height:100%;background:var(--best)}
    .rounds tbody tr:first-child td{border-bottom:none}
    .rounds .more td{padding-top:0;font-size:13px}.rounds .more p{margin:2px 0}
    .detail,.changes{color:var(--muted)}.rationale{white-space:pre-wrap}
    .badge{display:inline-block;padding:0 6px;border-radius:10px;font-size:12px;color:#fff}
    .badge.kept{background:var(--kept)}.badge.reverted{background:var(--reverted)}.badge.rejected{background:var(--rejected)}
    summary{cursor:pointer;color:var(--muted);font-size:12px}
    pre.diff{background:var(--panel);padding:8px;border-radius:4px;overflow-x:auto;margin:4px 0}
    .diff .add{background:var(--add-bg)}.diff .del{background:var(--del-bg)}.diff .hunk{color:var(--hunk)}
    .diff .file,.diff .note,.diff .cut{color:var(--muted)}
    .badge.qa-regression{background:var(--rejected)}
    .qa-regression{color:var(--rejected);font-weight:600}.qa-summary{margin:4px 0}
    .qa-table th[scope=row]{font-weight:400}.qa-table td{white-space:nowrap}
    ul.qa-new,ul.qa-findings{margin:4px 0;padding-left:20px}ul.qa-new li{color:var(--rejected)}
    footer{margin-top:32px;color:var(--muted);font-size:12px}

    """
}
