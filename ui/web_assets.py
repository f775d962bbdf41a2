"""CSS and the small click bridge script of the web chat (static strings, no Gradio)."""
from __future__ import annotations

# The chat sanitiser strips data-* attributes but keeps href, so every action link says
# what it does in its fragment ("#tc-cite-3-1"). Clicks are caught here (capture phase,
# before the chat's own link handling) and sent through a hidden textbox + button.
# "copy" stays in the browser: it puts the hidden plain-text version on the clipboard.
HEAD = """
<script>
(() => {
  function send(action) {
    const box = document.querySelector("#tc-bridge textarea, #tc-bridge input");
    const btn = document.querySelector("#tc-bridge-btn");
    if (!box || !btn) return;
    box.value = action + "|" + Date.now();
    box.dispatchEvent(new Event("input", {bubbles: true}));
    setTimeout(() => btn.click(), 0);
  }
  function fallbackCopy(text) {
    const area = document.createElement("textarea");
    area.value = text;
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } finally { area.remove(); }
  }
  async function copy(link) {
    const holder = link.closest(".tc-answer");
    const plain = holder && holder.querySelector(".tc-plain");
    if (!plain) return;
    const text = plain.textContent;
    try {
      if (navigator.clipboard && window.isSecureContext) await navigator.clipboard.writeText(text);
      else fallbackCopy(text);
    } catch (e) { fallbackCopy(text); }
    const old = link.textContent;
    link.textContent = "✓ Đã sao chép";
    setTimeout(() => { link.textContent = old; }, 1500);
  }
  document.addEventListener("click", (ev) => {
    const link = ev.target.closest && ev.target.closest("a[href^='#tc-']");
    if (!link) return;
    ev.preventDefault();
    ev.stopPropagation();
    const action = link.getAttribute("href").slice(4);
    document.querySelectorAll(".tc-selected").forEach((e) => e.classList.remove("tc-selected"));
    link.classList.add("tc-selected");
    if (action.startsWith("copy-")) copy(link); else send(action);
  }, true);
})();
</script>
"""

# After the context panel updates: bring the highlighted quote into view.
# Only the panel scrolls (scrollIntoView would move the whole page too).
SCROLL_TO_QUOTE = """() => {
  setTimeout(() => {
    const box = document.querySelector("#tc-context .tc-context");
    const m = box && (box.querySelector("mark") || box.querySelector(".tc-ctx-passage"));
    if (!m) return;
    const top = m.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
    box.scrollTo({top: Math.max(0, top - box.clientHeight / 3), behavior: "smooth"});
  }, 50);
}"""

CSS = """
.tc-answer .tc-body { line-height: 1.55; }
.tc-marker { font-weight: 600; text-decoration: none; padding: 0 2px; border-radius: 4px;
  background: var(--color-accent-soft); cursor: pointer; }
.tc-marker:hover, .tc-src:hover, .tc-act:hover { text-decoration: underline; }
.tc-sources, .tc-near { margin-top: .6em; }
.tc-sources summary, .tc-near summary { cursor: pointer; font-weight: 600; }
.tc-list { margin: .3em 0 0 0; padding: 0; list-style: none; }
.tc-list li { margin-bottom: .5em; }
.tc-src { cursor: pointer; font-weight: 600; }
.tc-passage, .tc-excerpt { margin: .3em 0; padding: .3em .6em; border-left: 3px solid var(--border-color-primary);
  font-size: .92em; white-space: normal; }
.tc-badge { font-size: .8em; padding: 0 6px; border-radius: 8px; white-space: nowrap; }
.tc-full { background: #e7f5ea; color: #1d5e2c; }
.tc-partial { background: #fff3d6; color: #7a4b00; }
.tc-abstain-head { font-weight: 700; color: #8a4b00; margin-bottom: .3em; }
.tc-abstained { border-left: 4px solid #e0a030; padding-left: .6em; }
.tc-note { font-size: .85em; color: #7a4b00; }
.tc-error { color: #a11; }
.tc-ok { color: #1d5e2c; }
.tc-pending { opacity: .7; font-style: italic; }
.tc-actions { margin-top: .5em; font-size: .9em; display: flex; gap: 1em; flex-wrap: wrap; }
.tc-act { cursor: pointer; text-decoration: none; }
.tc-plain { display: none !important; }
.tc-selected { outline: 2px solid var(--color-accent); border-radius: 4px; }
mark { background: #ffe066; color: inherit; padding: 0 1px; }
.tc-context { max-height: 620px; overflow-y: auto; padding-right: .4em; }
.tc-context .tc-ctx-head { position: sticky; top: 0; background: var(--background-fill-primary);
  padding-bottom: .4em; border-bottom: 1px solid var(--border-color-primary); margin-bottom: .4em; }
.tc-ctx-title { font-weight: 700; }
.tc-ctx-path { font-size: .9em; }
.tc-ctx-body { white-space: pre-wrap; line-height: 1.55; font-size: .95em; }
.tc-ctx-passage { background: var(--color-accent-soft); }
.tc-empty { opacity: .75; font-style: italic; }
.tc-brief h2 { margin-top: 0; }
.tc-brief blockquote { margin: .2em 0 .6em 0; padding-left: .6em; border-left: 3px solid var(--border-color-primary); }
.tc-status { list-style: none; padding: 0; }
.tc-appendix { list-style: none; padding-left: 0; }
.tc-docs { width: 100%; border-collapse: collapse; font-size: .95em; }
.tc-docs th, .tc-docs td { text-align: left; padding: .35em .5em; border-bottom: 1px solid var(--border-color-primary);
  vertical-align: top; }
.tc-docs td:nth-child(4) { text-align: right; }
/* Toast headings: Gradio groups toasts under its English type name, so name them here. */
.toast-title.info, .toast-title.warning, .toast-title.error { font-size: 0 !important; }
.toast-title.info::after { content: "Thông báo"; font-size: var(--text-md); }
.toast-title.warning::after { content: "Lưu ý"; font-size: var(--text-md); }
.toast-title.error::after { content: "Lỗi"; font-size: var(--text-md); }
/* Gradio has no Vietnamese strings for its upload area: say it ourselves. */
#tc-upload [data-testid="upload-text"] { font-size: 0; }
#tc-upload [data-testid="upload-text"] .icon-wrap { font-size: var(--text-md); }
#tc-upload [data-testid="upload-text"]::after { content: "Kéo thả tệp vào đây, hoặc bấm để chọn tệp";
  font-size: var(--text-lg); }
"""
