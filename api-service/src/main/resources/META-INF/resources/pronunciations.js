"use strict";
/* The brief page's "Pronunciations": the tenant's lexicon (list, add, delete) and a preview of one sentence
   spoken with it, through the OpenAI-compatible speech endpoint (the worker applies the lexicon). */
(() => {
  const { element } = BriefAudio;
  const list = document.getElementById("lexicon");
  const error = document.getElementById("lexicon-error");

  function describe(entry) {
    const said = [entry.alias && `“${entry.alias}”`, entry.phoneme && `/${entry.phoneme.ph}/`].filter(Boolean).join(" or ");
    const scope = entry.language === "any" ? "" : ` (${entry.language})`;
    return `${entry.grapheme} → ${said}${scope}`;
  }

  async function load() {
    try {
      const page = await BriefAudio.get("/api/lexicon?size=500");
      list.replaceChildren(...page.entries.map((entry) => {
        const remove = element("button", { type: "button", class: "secondary" }, "Delete");
        remove.addEventListener("click", async () => {
          error.textContent = "";
          try {
            await BriefAudio.del(`/api/lexicon/${entry.id}`);
            await load();
          } catch (e) {
            error.textContent = e.message;
          }
        });
        return element("li", {}, describe(entry), " ", remove);
      }));
      if (page.entries.length === 0) list.replaceChildren(element("li", { class: "hint" }, "No pronunciations yet."));
    } catch (e) {
      error.textContent = e.message;
    }
  }

  document.getElementById("lexicon-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    error.textContent = "";
    const form = event.target;
    const body = { grapheme: form.grapheme.value.trim() };
    if (form.alias.value.trim()) body.alias = form.alias.value.trim();
    if (form.ipa.value.trim()) body.phoneme = { alphabet: "ipa", ph: form.ipa.value.trim() };
    try {
      await BriefAudio.post("/api/lexicon", body);
      form.reset();
      await load();
    } catch (e) {
      error.textContent = e.message;
    }
  });

  document.getElementById("preview-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    error.textContent = "";
    const headers = { "Content-Type": "application/json" };
    const apiKey = sessionStorage.getItem("briefaudio.apiKey");
    if (apiKey) headers.Authorization = `Bearer ${apiKey}`;
    const player = document.getElementById("preview-player");
    player.replaceChildren(element("p", { class: "hint" }, "Speaking…"));
    try {
      const response = await fetch("/v1/audio/speech", { method: "POST", headers, body: JSON.stringify({
        model: "tts-1", voice: "alloy", response_format: "wav", input: event.target.text.value }) });
      if (!response.ok) {
        const problem = await response.json().catch(() => null);
        throw new Error((problem && problem.error && problem.error.message) || `Preview failed (${response.status})`);
      }
      const audio = element("audio", { controls: "", src: URL.createObjectURL(await response.blob()) });
      player.replaceChildren(audio);
      audio.play().catch(() => {});
    } catch (e) {
      player.replaceChildren();
      error.textContent = e.message;
    }
  });

  load();
})();
