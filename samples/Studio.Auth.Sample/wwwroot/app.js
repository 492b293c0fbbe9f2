// The sample's page: AutoGen Studio's popup sign-in, then the user, notes and a WebSocket echo.
// No framework, no build step. Everything shown is set with textContent, never as HTML.
"use strict";

const TOKEN_KEY = "auth_token";
const $ = (id) => document.getElementById(id);
let token = localStorage.getItem(TOKEN_KEY);
let socket = null;

async function api(path, options = {}) {
  const headers = Object.assign({ "Accept": "application/json" }, options.headers);
  if (token) headers["Authorization"] = "Bearer " + token;
  return fetch(path, Object.assign({}, options, { headers }));
}

function show(signedIn) {
  $("signed-in").hidden = !signedIn;
  $("signed-out").hidden = signedIn;
}

async function refresh() {
  const type = await (await fetch("/api/auth/type")).json();
  $("mode").textContent = type.type === "none"
    ? "Authentication is off: everyone is the guest user."
    : "Authentication: " + type.type;
  const response = await api("/api/auth/me");
  if (response.status === 401) {
    closeSocket();
    show(false);
    return;
  }
  const me = await response.json();
  $("user-name").textContent = me.name;
  $("user-email").textContent = me.email || "no e-mail";
  $("user-provider").textContent = me.provider;
  $("user-roles").textContent = me.roles.join(", ");
  if (me.avatar_url) { $("avatar").src = me.avatar_url; $("avatar").hidden = false; } else { $("avatar").hidden = true; }
  $("sign-out").hidden = type.type === "none";
  show(true);
  await loadNotes();
  openSocket();
}

function signedIn(newToken) {
  token = newToken;
  localStorage.setItem(TOKEN_KEY, newToken);
  $("sign-in-error").hidden = true;
  refresh();
}

// The callback page posts {type:'auth-success', token, user} (or {type:'auth-error', error}) to this window.
window.addEventListener("message", (event) => {
  if (event.origin !== window.location.origin || !event.data || typeof event.data !== "object") return;
  if (event.data.type === "auth-success") signedIn(event.data.token);
  if (event.data.type === "auth-error") {
    $("sign-in-error").textContent = "Sign-in failed: " + event.data.error;
    $("sign-in-error").hidden = false;
  }
});

// If the popup lost its opener (some providers cut it), it stores the token instead; pick it up here.
window.addEventListener("storage", (event) => {
  if (event.key === TOKEN_KEY && event.newValue && event.newValue !== token) signedIn(event.newValue);
});

$("sign-in").addEventListener("click", async () => {
  // Open the popup synchronously (a click may open windows), then point it at the provider.
  const popup = window.open("about:blank", "studio-auth", "width=640,height=720");
  const response = await fetch("/api/auth/login-url?return_path=" + encodeURIComponent("/"));
  const body = await response.json();
  if (!response.ok) {
    if (popup) popup.close();
    $("sign-in-error").textContent = "Sign-in is unavailable: " + body.detail;
    $("sign-in-error").hidden = false;
    return;
  }
  if (popup) popup.location.href = body.login_url; else window.location.href = body.login_url;
});

$("sign-out").addEventListener("click", async () => {
  await api("/api/auth/logout", { method: "POST" });
  localStorage.removeItem(TOKEN_KEY);
  token = null;
  await refresh();
});

async function loadNotes() {
  const response = await api("/api/notes");
  if (!response.ok) return;
  const list = $("notes");
  list.replaceChildren();
  for (const note of await response.json()) {
    const item = document.createElement("li");
    item.textContent = note.text;
    list.appendChild(item);
  }
}

$("note-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const text = $("note-text").value;
  const response = await api("/api/notes", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ text }),
  });
  if (response.ok) $("note-text").value = "";
  await loadNotes();
});

function openSocket() {
  if (socket) return;
  const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
  const query = token ? "?token=" + encodeURIComponent(token) : "";
  socket = new WebSocket(scheme + "//" + window.location.host + "/api/ws/echo" + query);
  $("echo-status").textContent = "connecting";
  socket.addEventListener("open", () => { $("echo-status").textContent = "open"; });
  socket.addEventListener("message", (event) => {
    const item = document.createElement("li");
    item.textContent = event.data;
    $("echo-log").appendChild(item);
  });
  socket.addEventListener("close", (event) => {
    $("echo-status").textContent = "closed (" + event.code + (event.reason ? " " + event.reason : "") + ")";
    socket = null;
  });
}

function closeSocket() {
  if (socket) socket.close();
  socket = null;
}

$("echo-form").addEventListener("submit", (event) => {
  event.preventDefault();
  if (!socket || socket.readyState !== WebSocket.OPEN) return;
  socket.send($("echo-text").value);
  $("echo-text").value = "";
});

refresh();
