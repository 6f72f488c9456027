"use strict";
/* Shared helpers of the Brief Audio pages: JSON requests that turn problem+json into readable errors. */
const BriefAudio = (() => {
  /* With auth on, the API key lives in sessionStorage (gone when the tab closes) and travels only as a
     header: never in a URL, where it would end up in logs and history. Audio plays through signed links. */
  const KEY = "briefaudio.apiKey";

  async function request(method, url, body, raw = false) {
    const options = { method, headers: { Accept: raw ? "*/*" : "application/json" } };
    const apiKey = sessionStorage.getItem(KEY);
    if (apiKey) options.headers.Authorization = `Bearer ${apiKey}`;
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    const response = await fetch(url, options);
    const text = await response.text();
    if (raw && response.ok) return text;
    const data = text ? JSON.parse(text) : null;
    if (response.status === 401) showSignIn(apiKey ? "That API key is not valid (unknown, revoked or expired)." : "");
    if (!response.ok) {
      const detail = data && (data.detail || data.title);
      const error = new Error(detail || `Request failed with status ${response.status}`);
      error.problem = data;
      throw error;
    }
    return data;
  }

  function element(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (value === undefined || value === null || value === false) continue;
      if (name === "text") node.textContent = value;
      else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? "" : value);
    }
    for (const child of children) {
      if (child !== null && child !== undefined) node.append(child);
    }
    return node;
  }

  const LANGUAGES = { en: "English", es: "Spanish", fr: "French", de: "German", it: "Italian", pt: "Portuguese",
    pl: "Polish", tr: "Turkish", ru: "Russian", nl: "Dutch", cs: "Czech", ar: "Arabic", "zh-cn": "Chinese",
    ja: "Japanese", hu: "Hungarian", ko: "Korean", hi: "Hindi" };

  /** The sign-in screen: shown when the API answers 401, i.e. only when auth is on. */
  function showSignIn(message) {
    if (document.getElementById("sign-in")) return;
    const input = element("input", { id: "api-key", type: "password", autocomplete: "off", required: true,
      spellcheck: "false" });
    const error = element("p", { id: "sign-in-error", class: "error", role: "alert", text: message });
    const form = element("form", { id: "sign-in-form", novalidate: true, onsubmit: (event) => {
      event.preventDefault();
      const value = input.value.trim();
      if (!value) { error.textContent = "Enter an API key."; return; }
      sessionStorage.setItem(KEY, value);
      window.location.reload();
    } },
      element("label", { for: "api-key", text: "API key" }), input,
      element("p", { class: "hint", text: "Ask your operator for a key (it starts with ba_). It is kept in this tab only." }),
      error, element("button", { type: "submit", text: "Sign in" }));
    const screen = element("section", { id: "sign-in", class: "card", "aria-labelledby": "sign-in-heading" },
      element("h1", { id: "sign-in-heading", text: "Sign in" }), form);
    const main = document.querySelector("main");
    for (const child of main.children) child.hidden = true;
    main.prepend(screen);
    input.focus();
  }

  function signOut() {
    sessionStorage.removeItem(KEY);
    window.location.assign("/");
  }

  /** A sign-out button in the header while a key is stored. */
  function headerControls() {
    if (!sessionStorage.getItem(KEY)) return;
    const header = document.querySelector("header");
    header.append(element("button", { id: "sign-out", type: "button", class: "secondary sign-out", text: "Sign out",
      onclick: signOut }));
  }
  document.addEventListener("DOMContentLoaded", headerControls);

  /** Appends a query parameter to a URL that may already carry some (signed audio links do). */
  function withParam(url, param) {
    return url + (url.includes("?") ? "&" : "?") + param;
  }

  return { get: (url) => request("GET", url), getText: (url) => request("GET", url, undefined, true),
    post: (url, body) => request("POST", url, body),
    del: (url) => request("DELETE", url), element, withParam,
    LANGUAGES };
})();
