"use strict";
(() => {
  const { get, getText, post, element, withParam, LANGUAGES } = BriefAudio;
  const briefId = new URLSearchParams(window.location.search).get("id");
  const POLL_MILLIS = 1000;
  const SPEEDS = [0.75, 1, 1.25, 1.5, 2];
  const ENGINES = [["espeak", "eSpeak NG"], ["xtts", "XTTS v2"], ["kokoro", "Kokoro"]];
  const $ = (id) => document.getElementById(id);

  let brief = null;
  let job = null;
  let pollTimer = null;
  let settledJob = null; // the finished job whose items were last drawn from the brief
  let stats = null; // downloads per item and for the episode (GET /api/briefs/{id}/stats)
  const sentencesByUrl = new Map(); // marks_url → promise of its sentence marks (null when there are none)

  function showError(message) {
    $("page-error").textContent = message || "";
  }

  function audioPlayer(url, label, id) {
    // preload="none": opening the page fetches no audio, so it counts as no download (docs/listening.md).
    const audio = element("audio", { id, controls: true, preload: "none", src: url, "data-path": url.split("?")[0],
      "aria-label": `Audio: ${label}` });
    const speed = element("select", { "aria-label": `Playback speed: ${label}`,
      onchange: (event) => { audio.playbackRate = Number(event.target.value); } },
      ...SPEEDS.map((s) => element("option", { value: s, text: `${s}×`, selected: s === 1 })));
    const download = element("a", { href: withParam(url, "download=1"), class: "button secondary", text: "Download",
      "aria-label": `Download audio: ${label}` });
    return element("div", { class: "audio-row" }, audio, speed, download);
  }

  /** "3 downloads · 2 listeners · 1 from the feed" for an item's or the episode's stats. */
  function downloadsText(counts) {
    const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
    return [plural(counts.downloads, "download"), plural(counts.unique_listeners, "listener")]
      .concat(counts.feed_downloads ? [`${counts.feed_downloads} from the feed`] : []).join(" · ");
  }

  async function loadStats() {
    try {
      stats = await get(`/api/briefs/${briefId}/stats`);
    } catch (error) {
      stats = null; // counts are a nicety: the page works without them
    }
    for (const item of stats ? stats.items : []) {
      const node = document.querySelector(`#item-${item.item_id} .downloads`);
      if (node) node.textContent = downloadsText(item);
    }
    $("episode-downloads").textContent = stats ? downloadsText(stats.episode) : "";
  }

  /** What the quality gate found, in words (docs/quality.md): "sentence 2 ran to the code cap without stopping; …". */
  function qualityReason(quality) {
    const seconds = (v) => `${Number(v).toFixed(1)} s`;
    const words = {
      code_cap: () => "ran to the code cap without stopping",
      loop: (c) => `repeats itself for ${seconds(c.value)}`,
      duration: (c) => c.value > c.limit ? `lasts ${seconds(c.value)}, longer than its text takes`
        : `lasts ${seconds(c.value)}, shorter than its text takes`,
      inner_silence: (c) => `has ${seconds(c.value)} of silence inside`,
      leading_silence: (c) => `starts with ${seconds(c.value)} of silence`,
      trailing_silence: (c) => `ends with ${seconds(c.value)} of silence`,
      clipping: (c) => `is clipped (${(c.value * 100).toFixed(1)} % of samples)`,
      non_finite: () => "has broken samples",
      all_zero: () => "is silent",
    };
    return quality.checks.map((c) => `sentence ${c.sentence} ${(words[c.name] || (() => c.name))(c)}`).join("; ");
  }

  /**
   * The players on the page that a listener has started, by item id and the audio's path: redrawing keeps such a
   * player (and its highlighted text) while its audio is unchanged, so an item goes on playing while others finish.
   * Players nobody started are drawn again, with the status's freshly signed link.
   */
  function startedPlayers() {
    const drawn = new Map();
    $("items").querySelectorAll("li.item").forEach((node) => {
      const audio = node.querySelector(".audio-row audio");
      if (audio && (!audio.paused || audio.currentTime > 0)) {
        drawn.set(`${node.dataset.itemId} ${audio.dataset.path}`,
          { row: audio.closest(".audio-row"), text: node.querySelector(".item-text") });
      }
    });
    return drawn;
  }

  /** Draws the items; job item states (while a job runs) win over the brief's stored audio. */
  function renderItems() {
    const states = new Map((job ? job.items : []).map((i) => [i.item_id, i]));
    const drawn = startedPlayers();
    $("items").replaceChildren(...brief.items.map((item) => {
      const label = item.title || `Item ${item.position}`;
      const state = states.get(item.id);
      const audioUrl = state && state.audio_url ? state.audio_url : item.audio && item.audio.audio_url;
      const marksUrl = state && state.audio_url ? state.marks_url : item.audio && item.audio.marks_url;
      const kept = audioUrl ? drawn.get(`${item.id} ${audioUrl.split("?")[0]}`) : undefined;
      const text = kept ? kept.text : element("p", { class: "item-text", text: item.text });
      const node = element("li", { class: "item", id: `item-${item.id}`, "data-item-id": item.id },
        element("h3", { text: label }), text);
      if (state && state.status !== "completed") {
        const text = state.status === "failed" ? `Failed: ${state.error || "unknown error"}` : state.status;
        node.append(element("p", { class: `state ${state.status}`, text }));
        if (state.status === "failed" && job.status === "failed") {
          node.append(element("button", { type: "button", class: "secondary", text: "Retry",
            "aria-label": `Retry: ${label}`, onclick: () => jobAction("retry") }));
        }
      }
      const quality = state && state.quality;
      if (quality && quality.status !== "ok" && quality.checks.length > 0) {
        const reason = qualityReason(quality);
        node.append(element("p", { class: `badge quality-${quality.status}`, title: reason,
          "data-quality": quality.status, text: `Quality ${quality.status === "fail" ? "failed" : "warning"}: ${reason}` }));
      }
      if (kept) {
        node.append(kept.row);
      } else if (audioUrl) {
        const player = audioPlayer(audioUrl, label);
        node.append(player);
        if (marksUrl) followItem(text, player.querySelector("audio"), marksUrl, item.text);
      }
      if (audioUrl) {
        const counts = stats && stats.items.find((s) => s.item_id === item.id);
        node.append(element("p", { class: "downloads hint", text: counts ? downloadsText(counts) : "" }));
      }
      return node;
    }));
  }

  /** The item's sentences, highlighted as its audio plays; a signed marks_url changes hourly, so the path is the key. */
  async function followItem(paragraph, audio, marksUrl, text) {
    const key = marksUrl.split("?")[0];
    if (!sentencesByUrl.has(key)) {
      sentencesByUrl.set(key, getText(marksUrl).then(FollowAlong.sentenceMarks).catch(() => null));
    }
    const marks = await sentencesByUrl.get(key);
    if (!marks || !marks.length || !paragraph.isConnected) return; // audio made before marks: plain text
    paragraph.replaceChildren(FollowAlong.itemText(text, marks));
    FollowAlong.follow(audio, paragraph);
  }

  /** The episode's transcript under its player, following it, and a link to download the captions. */
  async function showTranscript(episode) {
    $("episode-transcript").replaceChildren();
    $("transcript-download").replaceChildren();
    $("transcript-heading").hidden = !episode.transcript_url;
    if (!episode.transcript_url) return;
    $("transcript-download").append(element("a", { href: episode.transcript_url, class: "button secondary",
      download: `brief-${briefId}-transcript.vtt`, text: "Download transcript" }));
    try {
      const json = JSON.parse(await getText(episode.transcript_url.replace("/transcript.vtt", "/transcript.json")));
      $("episode-transcript").replaceChildren(FollowAlong.transcript(json));
      FollowAlong.follow($("episode-audio"), $("episode-transcript"));
    } catch (error) {
      // the captions link still works; the page only misses the follow-along
    }
  }

  function clock(millis) {
    const seconds = Math.floor(millis / 1000);
    return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
  }

  /** The whole brief as one episode: a player, and chapters that jump to their item. */
  function renderEpisode() {
    const episode = (job && job.episode) || brief.episode;
    const pending = job && (job.episode_status === "queued" || job.episode_status === "processing");
    $("episode-state").textContent = pending ? "Putting the whole brief together as one episode…" : "";
    $("episode").hidden = !episode;
    if (!episode || $("episode").dataset.url === episode.url) return;
    $("episode").dataset.url = episode.url;
    $("episode-player").replaceChildren(audioPlayer(episode.url, "whole brief", "episode-audio"));
    showTranscript(episode);
    $("chapters").replaceChildren(...episode.chapters.map((chapter) => element("li", {},
      element("button", { type: "button", class: "link chapter", "data-start-ms": chapter.start_ms,
        text: `${clock(chapter.start_ms)} ${chapter.title}`,
        onclick: () => {
          const audio = $("episode-audio");
          audio.currentTime = chapter.start_ms / 1000;
          audio.play().catch((error) => showError(`Cannot play: ${error.message}`));
        } }))));
  }

  function renderJob() {
    const running = job && (job.status === "queued" || job.status === "processing");
    $("progress").hidden = !job;
    $("cancel").hidden = !running;
    $("retry").hidden = !(job && job.status === "failed" && job.failed_items > 0);
    $("generate").disabled = running;
    if (!job) return;
    $("progress-voice").textContent = job.voice_id;
    $("progress-engine").textContent = job.engine ? ` · ${job.engine}` : "";
    $("progress-bar").value = job.progress;
    const done = `${job.completed_items} of ${job.total_items} items`;
    const waiting = job.waiting_for_engine;
    const article = waiting && /^[aeiox]/.test(waiting) ? "an" : "a";
    const words = {
      queued: waiting ? `Waiting for ${article} ${waiting} worker… ${done}` : `Waiting for a worker… ${done}`,
      processing: waiting ? `${job.progress}% — ${done}. Waiting for ${article} ${waiting} worker…`
        : `${job.progress}% — ${done}`,
      completed: `Done: ${done}`,
      failed: `Finished with errors: ${done}, ${job.failed_items} failed. ${job.error_message || ""}`,
      cancelled: `Cancelled: ${done}`,
    };
    $("progress-text").textContent = words[job.status] || job.status;
  }

  async function loadBrief() {
    brief = await get(`/api/briefs/${briefId}`);
    document.title = `${brief.title} — Brief Audio`;
    $("brief-title").textContent = brief.title;
    $("brief-meta").textContent = `${brief.items.length} item${brief.items.length === 1 ? "" : "s"} · `
      + `${LANGUAGES[brief.language] || brief.language} · ${new Date(brief.created_at).toLocaleString()}`;
    $("generate").disabled = brief.items.length === 0;
    $("actions").hidden = false;
    $("items-heading").hidden = false;
    renderItems();
    renderEpisode();
    await loadStats();
  }

  let events = null;
  let pollDelay = POLL_MILLIS;
  let resumeWhenVisible = null;

  function stopWatching() {
    clearTimeout(pollTimer);
    pollTimer = null;
    if (resumeWhenVisible) {
      document.removeEventListener("visibilitychange", resumeWhenVisible);
      resumeWhenVisible = null;
    }
    if (events) {
      events.close();
      events = null;
    }
  }

  function isRunning(j) {
    return j.status === "queued" || j.status === "processing";
  }

  async function showFinished() {
    stopWatching();
    await loadBrief(); // the design's auto-refresh: show the brief's stored audio
    renderItems();
  }

  /**
   * Live events through EventSource; polling takes over when the stream fails or is unavailable. The stream's URL
   * comes from the status (events_url: signed when keys are on, as EventSource cannot send a key).
   */
  async function watch(statusUrl) {
    stopWatching();
    let eventsUrl = null;
    try {
      eventsUrl = (await get(statusUrl)).events_url;
    } catch (error) {
      // polling reports it
    }
    if (!window.EventSource || !eventsUrl) {
      poll(statusUrl);
      return;
    }
    const source = new EventSource(eventsUrl);
    events = source;
    const onEvent = (event) => {
      job = JSON.parse(event.data);
      showError("");
      renderJob();
      renderItems();
      if (!isRunning(job)) {
        // The job is done: the status shows the brief's audio and the episode being assembled.
        stopWatching();
        poll(statusUrl);
      }
    };
    ["progress", "item", "completed", "failed", "cancelled"].forEach((name) => source.addEventListener(name, onEvent));
    source.onerror = () => {
      if (events !== source) return;
      source.close(); // a proxy that buffers or drops streams: fall back to polling
      events = null;
      poll(statusUrl);
    };
  }

  /** Polls with backoff: slower while nothing changes or on errors, paused while the tab is hidden. */
  async function poll(statusUrl) {
    clearTimeout(pollTimer);
    pollTimer = null;
    if (document.hidden) {
      if (!resumeWhenVisible) {
        resumeWhenVisible = () => {
          document.removeEventListener("visibilitychange", resumeWhenVisible);
          resumeWhenVisible = null;
          poll(statusUrl);
        };
        document.addEventListener("visibilitychange", resumeWhenVisible);
      }
      return;
    }
    try {
      const previous = job ? `${job.status}/${job.completed_items}/${job.failed_items}` : "";
      job = await get(statusUrl);
      const running = job.status === "queued" || job.status === "processing";
      const episodePending = job.episode_status === "queued" || job.episode_status === "processing";
      renderJob();
      if (running) {
        settledJob = null;
        renderItems();
        const changed = previous !== `${job.status}/${job.completed_items}/${job.failed_items}`;
        pollDelay = changed ? POLL_MILLIS : Math.min(pollDelay * 1.5, POLL_MILLIS * 10);
        pollTimer = setTimeout(() => poll(statusUrl), pollDelay);
      } else {
        if (settledJob !== job.id) {
          settledJob = job.id;
          await showFinished(); // once: show the brief's stored audio
        }
        renderEpisode();
        if (episodePending) {
          // While only the episode is being put together, items stay as they are: a player keeps playing.
          pollTimer = setTimeout(() => poll(statusUrl), POLL_MILLIS);
        }
      }
    } catch (error) {
      showError(`Could not read the job's progress: ${error.message}. Retrying…`);
      pollDelay = Math.min(pollDelay * 2, POLL_MILLIS * 30);
      pollTimer = setTimeout(() => poll(statusUrl), pollDelay);
    }
  }

  /** One choice of the picker: a voice spoken by one engine; greyed out while no live worker runs it. */
  function voiceChoice(voice, engine, available) {
    const notReady = voice.status !== undefined && voice.status !== "ready";
    const hint = voice.kind === "custom"
      ? `Your voice · ${voice.status === "preparing" && voice.cloning_worker === false
        ? "waiting: no worker that can clone voices is running" : voice.status}`
        + `${voice.description ? ` · ${voice.description}` : ""}` : voice.description;
    return element("label", { class: available ? "voice" : "voice unavailable" },
      element("input", { type: "radio", name: "voice", value: voice.id, "data-engine": engine, required: true,
        disabled: notReady }),
      element("span", {}, element("strong", { text: voice.label }),
        element("span", { class: "hint", text: available ? hint : `${hint} · no ${engine} worker running now` })));
  }

  /** The picker groups voices by engine: the presets under every engine, each engine's own and custom voices under theirs. */
  function voiceGroups(voices) {
    return ENGINES.map(([engine, label]) => {
      const choices = voices.flatMap((voice) => {
        if (voice.kind === "preset") return [voiceChoice(voice, engine, (voice.engines || []).includes(engine))];
        if (voice.engine === engine) return [voiceChoice(voice, engine, voice.available === true)];
        return [];
      });
      return element("fieldset", { class: "engine-group", "data-engine": engine },
        element("legend", { text: label }), ...choices);
    });
  }

  async function chooseVoiceAndGenerate() {
    const voices = await get("/api/voices");
    // Custom voices are listed too; only ready ones can be chosen. Unavailable engines can still be chosen: the job
    // waits, and an autoscaler may start a worker for it.
    $("voices").replaceChildren(...voiceGroups(voices));
    const inputs = [...$("voices").querySelectorAll("input:not([disabled])")];
    const first = inputs.find((input) => !input.closest(".unavailable")) || inputs[0];
    if (first) first.checked = true;
    const dialog = $("voice-dialog");
    dialog.returnValue = "";
    dialog.showModal();
    dialog.addEventListener("close", async () => {
      if (dialog.returnValue !== "generate") return;
      const form = new FormData($("voice-form"));
      const chosen = $("voices").querySelector("input[name=voice]:checked");
      showError("");
      try {
        const created = await post(`/api/brief/${briefId}/audio/generate`,
          { voice_id: form.get("voice"), format: form.get("format"), engine: chosen ? chosen.dataset.engine : undefined });
        $("page-warning").textContent = (created.warnings || []).join(" ");
        watch(`/api/brief/audio/job/${created.job_id}/status`);
      } catch (error) {
        showError(error.message);
      }
    }, { once: true });
  }

  async function jobAction(action) {
    showError("");
    try {
      await post(`/api/brief/audio/job/${job.id}/${action}`);
      watch(`/api/brief/audio/job/${job.id}/status`);
    } catch (error) {
      showError(error.message);
    }
  }

  $("generate").addEventListener("click", () => chooseVoiceAndGenerate().catch((e) => showError(e.message)));
  $("cancel").addEventListener("click", () => jobAction("cancel"));
  $("retry").addEventListener("click", () => jobAction("retry"));

  (async () => {
    if (!briefId || !/^[0-9]{1,18}$/.test(briefId)) {
      notFound("This page needs a brief's id, like /brief.html?id=1.");
      return;
    }
    try {
      await loadBrief();
      // A job that was running when the page was (re)loaded: resume watching it.
      if (brief.latest_job) {
        watch(brief.latest_job.status_url);
      }
    } catch (error) {
      if (error.problem && error.problem.status === 404) {
        notFound(`There is no brief ${briefId}, or it was deleted.`);
      } else {
        $("brief-title").textContent = "Could not load the brief";
        showError(error.message);
      }
    }
  })();

  /** Nothing to generate or list: only the message and the way back. */
  function notFound(message) {
    document.title = "Brief not found — Brief Audio";
    $("brief-title").textContent = "Brief not found";
    $("brief-meta").textContent = message;
    $("actions").hidden = true;
    $("items-heading").hidden = true;
  }
})();
