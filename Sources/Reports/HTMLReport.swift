import O1CoderCore
import Foundation

/// Renders a ``TreeReport`` as one self-contained HTML file (inline CSS and script, no network):
/// a run summary, then per problem the search tree as SVG (colour = value, size = visits);
/// selecting a node shows its step text, code and verdicts.
public enum HTMLReport {
    public static func render(_ report: TreeReport) throws -> String {
        let encoder = JSONCoding.encoder()
        let json = String(decoding: try encoder.encode(report.problems), as: UTF8.self)
        let rows = report.summary.map {
            "<tr><th>\(HTMLEscaping.escape($0.label))</th><td>\(HTMLEscaping.escape($0.value))</td></tr>"
        }.joined(separator: "\n")
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <title>\(HTMLEscaping.escape(report.title))</title>
            <style>\(style)</style></head>
            <body>
            <h1>\(HTMLEscaping.escape(report.title))</h1>
            <table class="summary">
            \(rows)
            </table>
            <div id="problems"></div>
            <script type="application/json" id="report-data">\(HTMLEscaping.scriptSafeJSON(json))</script>
            <script>\(script)</script>
            </body></html>

            """
    }

    static let style = """
        body{font:14px system-ui,sans-serif;margin:1.5em;color:#222}
        table.summary th{text-align:left;padding-right:1em;color:#555;font-weight:600;vertical-align:top}
        table.summary td{overflow-wrap:anywhere;font-family:ui-monospace,monospace;font-size:12px}
        section.problem{border-top:1px solid #ccc;margin-top:1.5em;padding-top:.5em}
        .layout{display:flex;gap:1em;align-items:flex-start}
        .tree{overflow:auto;max-width:60%;border:1px solid #eee}
        .detail{flex:1;min-width:0}
        .detail pre{white-space:pre-wrap;background:#f6f6f6;padding:.5em;max-height:30em;overflow:auto}
        circle{stroke:#333;stroke-width:1;cursor:pointer}
        circle.selected{stroke:#06f;stroke-width:3}
        circle.terminal{stroke-dasharray:2 1}
        line{stroke:#999}
        .solved{color:#080}.unsolved{color:#a00}
        """

    static let script = """
        (function(){
        const problems = JSON.parse(document.getElementById('report-data').textContent);
        const NS = 'http://www.w3.org/2000/svg';
        function color(v){ const r = Math.round(220*(1-v)), g = Math.round(180*v); return 'rgb('+r+','+g+',60)'; }
        function el(tag, attrs, text){ const e = document.createElement(tag);
          for (const k in attrs||{}) e.setAttribute(k, attrs[k]); if (text !== undefined) e.textContent = text; return e; }
        function layout(nodes){
          const kids = {}; nodes.forEach(n => { kids[n.index] = []; });
          nodes.forEach(n => { if (n.parent !== null && n.parent !== undefined && kids[n.parent]) kids[n.parent].push(n.index); });
          const pos = {}; let next = 0;
          (function place(i){ if (kids[i].length === 0) { pos[i] = next++; return pos[i]; }
            const xs = kids[i].map(place); pos[i] = (xs[0] + xs[xs.length-1]) / 2; return pos[i]; })(0);
          return {pos: pos, kids: kids, width: Math.max(next, 1)};
        }
        function showDetail(box, p, n){
          box.textContent = '';
          box.appendChild(el('h3', {}, 'Node ' + n.index + (n.action ? ' · ' + n.action : ' · root')));
          box.appendChild(el('p', {}, 'visits ' + n.visits + ' · value ' + n.value.toFixed(3) +
            (n.reward !== null && n.reward !== undefined ? ' · reward ' + n.reward.toFixed(3) : '')));
          box.appendChild(el('pre', {'class': 'step-text'}, n.text !== null && n.text !== undefined ? n.text : p.prompt));
          const ul = el('ul', {'class': 'verdicts'}); (n.verdicts||[]).forEach(v => ul.appendChild(el('li', {}, v)));
          box.appendChild(ul);
        }
        const root = document.getElementById('problems');
        problems.forEach(p => {
          const sec = el('section', {'class': 'problem', 'id': 'problem-' + p.id});
          sec.appendChild(el('h2', {}, p.id));
          sec.appendChild(el('p', {'class': p.solved ? 'solved' : 'unsolved'}, (p.solved ? 'solved' : 'unsolved') +
            ' · best reward ' + p.bestReward.toFixed(3) + ' · ' + p.rollouts + ' rollouts · ' + p.generatedTokens + ' tokens'));
          const wrap = el('div', {'class': 'layout'}); const treeBox = el('div', {'class': 'tree'});
          const detail = el('div', {'class': 'detail'}); wrap.appendChild(treeBox); wrap.appendChild(detail); sec.appendChild(wrap);
          root.appendChild(sec);
          if (p.nodes.length === 0) { detail.textContent = 'No nodes.'; return; }
          const L = layout(p.nodes); const maxDepth = Math.max.apply(null, p.nodes.map(n => n.depth));
          const maxVisits = Math.max.apply(null, p.nodes.map(n => n.visits).concat([1]));
          const W = 60 * L.width + 40, H = 80 * (maxDepth + 1) + 40;
          const svg = document.createElementNS(NS, 'svg'); svg.setAttribute('width', W); svg.setAttribute('height', H);
          const at = n => [30 + 60 * L.pos[n.index], 30 + 80 * n.depth];
          const byIndex = {}; p.nodes.forEach(n => { byIndex[n.index] = n; });
          p.nodes.forEach(n => { if (n.parent === null || n.parent === undefined || !byIndex[n.parent]) return;
            const a = at(byIndex[n.parent]), b = at(n); const l = document.createElementNS(NS, 'line');
            l.setAttribute('x1', a[0]); l.setAttribute('y1', a[1]); l.setAttribute('x2', b[0]); l.setAttribute('y2', b[1]); svg.appendChild(l); });
          let selected = null;
          p.nodes.forEach(n => { const c = document.createElementNS(NS, 'circle'); const xy = at(n);
            c.setAttribute('cx', xy[0]); c.setAttribute('cy', xy[1]);
            c.setAttribute('r', 6 + 14 * Math.sqrt(n.visits / maxVisits)); c.setAttribute('fill', color(n.value));
            c.setAttribute('class', 'node' + (n.isTerminal ? ' terminal' : '')); c.setAttribute('data-index', n.index);
            const t = document.createElementNS(NS, 'title'); t.textContent = (n.action || 'root') + ' · N=' + n.visits + ' · V=' + n.value.toFixed(2); c.appendChild(t);
            c.addEventListener('click', () => { if (selected) selected.classList.remove('selected'); selected = c; c.classList.add('selected'); showDetail(detail, p, n); });
            svg.appendChild(c); });
          treeBox.appendChild(svg);
          // Start on the best terminal (or the root) so the page shows a step without a click.
          const terms = p.nodes.filter(n => n.isTerminal && n.reward !== null && n.reward !== undefined);
          const start = terms.length ? terms.reduce((a, b) => b.reward > a.reward ? b : a) : p.nodes[0];
          svg.querySelector('circle[data-index="' + start.index + '"]').dispatchEvent(new Event('click'));
        });
        })();
        """
}
