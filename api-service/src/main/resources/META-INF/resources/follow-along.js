"use strict";
/* Follow along: the sentence being heard is highlighted while an item or the episode plays, and clicking (or
   Enter on) a sentence plays from there. Sentences come from an item's speech marks (marks.jsonl) or the episode's
   transcript (transcript.json). */
const FollowAlong = (() => {
  const { element } = BriefAudio;

  /** The sentence marks of Polly-style JSON lines: [{time, start, end, value}], in text order. */
  function sentenceMarks(jsonLines) {
    return jsonLines.split("\n").filter((line) => line.trim()).map((line) => JSON.parse(line))
      .filter((mark) => mark.type === "sentence").sort((a, b) => a.start - b.start);
  }

  function sentence(text, millis) {
    return element("span", { class: "sentence", role: "button", tabindex: "0", "data-time": Math.round(millis),
      text });
  }

  /** The item's text with each sentence in its own element; what lies between sentences stays as written. */
  function itemText(text, marks) {
    const out = document.createDocumentFragment();
    let at = 0;
    for (const mark of marks) {
      if (mark.start < at) continue;
      out.append(text.slice(at, mark.start), sentence(text.slice(mark.start, mark.end), mark.time));
      at = mark.end;
    }
    out.append(text.slice(at));
    return out;
  }

  /** A Podcasting 2.0 JSON transcript's segments as sentences. */
  function transcript(json) {
    const out = document.createDocumentFragment();
    json.segments.forEach((segment, i) => {
      if (i > 0) out.append(" ");
      out.append(sentence(segment.body, segment.startTime * 1000));
    });
    return out;
  }

  /** Highlights the sentence of {@code container} that {@code audio} is playing; a click plays from a sentence. */
  function follow(audio, container) {
    const nodes = [...container.querySelectorAll(".sentence")];
    const times = nodes.map((node) => Number(node.dataset.time));
    let current = null;
    let frame = null;
    const update = () => {
      const started = !(audio.paused && audio.currentTime === 0);
      const now = audio.currentTime * 1000;
      let index = -1;
      for (let i = 0; i < times.length && times[i] <= now + 1; i++) index = i;
      const next = started && index >= 0 ? nodes[index] : null;
      if (next === current) return;
      if (current) {
        current.classList.remove("speaking");
        current.removeAttribute("aria-current");
      }
      if (next) {
        next.classList.add("speaking");
        next.setAttribute("aria-current", "true");
      }
      current = next;
    };
    // timeupdate comes about four times a second; while playing, every frame keeps the highlight on the word.
    const loop = () => {
      update();
      frame = audio.paused ? null : requestAnimationFrame(loop);
    };
    audio.addEventListener("play", () => { if (frame === null) frame = requestAnimationFrame(loop); });
    ["timeupdate", "seeked", "pause", "ended"].forEach((name) => audio.addEventListener(name, update));
    const seek = (i) => {
      audio.currentTime = times[i] / 1000;
      audio.play().catch(() => {}); // the user may have blocked autoplay: the position is set all the same
      update();
    };
    nodes.forEach((node, i) => {
      node.addEventListener("click", () => seek(i));
      node.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          seek(i);
        }
      });
    });
  }

  return { sentenceMarks, itemText, transcript, follow };
})();
