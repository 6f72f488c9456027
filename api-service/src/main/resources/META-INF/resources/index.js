"use strict";
(() => {
  const { get, post, element, LANGUAGES } = BriefAudio;
  const form = document.getElementById("new-brief");
  const formError = document.getElementById("form-error");
  const list = document.getElementById("briefs");
  const listStatus = document.getElementById("list-status");

  const languageSelect = document.getElementById("language");
  for (const [code, name] of Object.entries(LANGUAGES)) {
    languageSelect.append(element("option", { value: code, text: name, selected: code === "en" }));
  }

  /** Blank-line separated paragraphs; "Title:" on a paragraph's first line becomes the item title. */
  function parseItems(text) {
    return text.split(/\n\s*\n/).map((block) => block.trim()).filter(Boolean).map((block) => {
      const lines = block.split("\n");
      if (lines.length > 1 && lines[0].trim().endsWith(":")) {
        return { title: lines[0].trim().slice(0, -1), text: lines.slice(1).join("\n").trim() };
      }
      return { text: block };
    });
  }

  async function loadBriefs() {
    try {
      const page = await get("/api/briefs?size=50");
      list.replaceChildren(...page.briefs.map((brief) => element("li", {},
        element("a", { href: `/brief.html?id=${brief.id}`, text: brief.title }),
        element("span", { class: "hint", text: ` — ${brief.item_count} item${brief.item_count === 1 ? "" : "s"}, `
          + new Date(brief.created_at).toLocaleString() }))));
      listStatus.textContent = page.briefs.length ? "" : "No briefs yet: create the first one above.";
    } catch (error) {
      listStatus.textContent = `Could not load briefs: ${error.message}`;
    }
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    formError.textContent = "";
    const items = parseItems(form.items.value);
    if (!form.title.value.trim() || items.length === 0) {
      formError.textContent = "Give the brief a title and at least one item.";
      return;
    }
    const button = form.querySelector("button");
    button.disabled = true;
    try {
      const brief = await post("/api/briefs", { title: form.title.value.trim(), language: form.language.value, items });
      window.location.href = `/brief.html?id=${brief.id}`;
    } catch (error) {
      const fields = error.problem && error.problem.errors;
      formError.textContent = fields ? fields.map((f) => `${f.field}: ${f.message}`).join("; ") : error.message;
      button.disabled = false;
    }
  });

  loadBriefs();
})();
