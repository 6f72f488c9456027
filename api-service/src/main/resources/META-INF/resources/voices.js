"use strict";
/* The voices page: upload a reference clip (multipart), watch its preparation, delete custom voices. */
(() => {
  const { get, element } = BriefAudio;
  const $ = (id) => document.getElementById(id);
  const POLL_MILLIS = 1500;
  const STATES = { preparing: "Being prepared by a worker…", ready: "Ready", failed: "Failed" };
  let pollTimer = null;

  async function send(method, url, body) {
    const response = await fetch(url, { method, body, headers: { Accept: "application/json" } });
    const text = await response.text();
    const data = text ? JSON.parse(text) : null;
    if (!response.ok) {
      throw new Error((data && (data.detail || data.title)) || `Request failed with status ${response.status}`);
    }
    return data;
  }

  /** A voice waiting for preparation with no worker able to clone would otherwise read "being prepared" forever. */
  const NO_CLONING_WORKER = "Waiting: no worker that can clone voices is running (an XTTS worker with the cloning graphs)";

  function row(voice) {
    const stuck = voice.status === "preparing" && voice.cloning_worker === false;
    const state = stuck ? NO_CLONING_WORKER : STATES[voice.status] || voice.status;
    const detail = voice.status === "failed" && voice.error ? `${state}: ${voice.error}` : state;
    const node = element("li", { class: "voice-row", id: `voice-${voice.id}`, "data-status": voice.status },
      element("strong", { text: voice.name }),
      voice.description ? element("span", { class: "hint", text: ` — ${voice.description}` }) : null,
      element("p", { class: `state ${voice.status === "ready" ? "completed" : voice.status}`, text: detail }));
    if (voice.status === "preparing" && !stuck) {
      node.append(element("progress", { "aria-label": `Preparing ${voice.name}` }));
    }
    node.append(element("button", { type: "button", class: "secondary", text: "Delete",
      "aria-label": `Delete voice: ${voice.name}`, onclick: () => remove(voice) }));
    return node;
  }

  async function refresh() {
    clearTimeout(pollTimer);
    try {
      const voices = await get("/api/voices");
      const custom = voices.filter((v) => v.kind === "custom");
      $("custom-voices").replaceChildren(...custom.map(row));
      $("custom-status").textContent = custom.length ? "" : "No custom voices yet.";
      if ($("voice-base").options.length === 0) {
        $("voice-base").replaceChildren(...voices.filter((v) => v.kind === "preset")
          .map((v) => element("option", { value: v.id, text: v.label })));
      }
      if (custom.some((v) => v.status === "preparing")) {
        pollTimer = setTimeout(refresh, POLL_MILLIS);
      }
    } catch (error) {
      $("custom-status").textContent = `Could not load voices: ${error.message}`;
    }
  }

  async function remove(voice) {
    if (!window.confirm(`Delete the voice "${voice.name}"? Audio already made with it stays.`)) return;
    try {
      await send("DELETE", `/api/voices/${encodeURIComponent(voice.id)}`);
      refresh();
    } catch (error) {
      $("custom-status").textContent = error.message;
    }
  }

  $("add-voice").addEventListener("submit", async (event) => {
    event.preventDefault();
    const form = event.target;
    $("voice-error").textContent = "";
    // Not form.name: that is the form's own name attribute.
    if (!$("voice-name").value.trim()) { $("voice-error").textContent = "Give the voice a name."; return; }
    if (!$("voice-clip").files.length) { $("voice-error").textContent = "Choose a recording."; return; }
    if (!$("voice-consent").checked) { $("voice-error").textContent = "Confirm that the speaker agreed."; return; }
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    try {
      await send("POST", "/api/voices", new FormData(form));
      form.reset();
      refresh();
    } catch (error) {
      $("voice-error").textContent = error.message;
    } finally {
      button.disabled = false;
    }
  });

  /** Microphone recording where the browser has MediaRecorder: the recording becomes the form's clip. */
  function setUpRecorder() {
    if (!window.MediaRecorder || !navigator.mediaDevices) return;
    const button = $("record");
    let recorder = null;
    button.hidden = false;
    button.addEventListener("click", async () => {
      if (recorder) {
        recorder.stop();
        return;
      }
      try {
        const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
        const chunks = [];
        recorder = new MediaRecorder(stream);
        recorder.addEventListener("dataavailable", (event) => chunks.push(event.data));
        recorder.addEventListener("stop", () => {
          stream.getTracks().forEach((track) => track.stop());
          const type = recorder.mimeType || "audio/webm";
          const file = new File(chunks, `recording.${type.includes("ogg") ? "ogg" : "webm"}`, { type });
          const files = new DataTransfer();
          files.items.add(file);
          $("voice-clip").files = files.files;
          $("record-status").textContent = `Recorded ${Math.round(file.size / 1024)} KB; it will be uploaded.`;
          button.textContent = "Record again";
          recorder = null;
        });
        recorder.start();
        button.textContent = "Stop recording";
        $("record-status").textContent = "Recording… read a few sentences aloud (3–30 s).";
      } catch (error) {
        $("record-status").textContent = `The microphone is not available: ${error.message}`;
      }
    });
  }

  setUpRecorder();
  refresh();
})();
