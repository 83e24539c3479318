/**
 * The inspector page's script. It runs in the browser: `page.ts` serves `(${client})()`, so this function must be
 * self-contained (no imports, nothing from the module scope). It reads the emulator's control API, renders
 * every message kind per channel, acts as the contact through the same control API, and refreshes what it shows
 * when the server-sent events say something changed.
 */
export function client(): void {
  type Json = { readonly [key: string]: unknown }
  interface Identity {
    readonly channel: string
    readonly identity: string
  }
  interface ContactView {
    readonly id: string
    readonly display_name: string
    readonly channel_identities: ReadonlyArray<Identity>
  }
  interface ConversationView {
    readonly id: string
    readonly app_id: string
    readonly active: boolean
    readonly active_channel: string
    readonly contact: ContactView
    readonly last_message: { readonly direction: string; readonly text: string } | null
  }
  interface MessageView {
    readonly id: string
    readonly key: number
    readonly direction: string
    readonly channel: string
    readonly accepted_time: string
    readonly kind: string
    readonly message: Json
    readonly text: string
    readonly transcoded?: string
    readonly status: string | null
    readonly reason_code: string | null
  }
  interface ThreadPage {
    readonly conversation: ConversationView
    readonly reply_identities: ReadonlyArray<Identity>
    readonly messages: ReadonlyArray<MessageView>
    readonly has_more: boolean
  }
  interface AppView {
    readonly id: string
    readonly display_name: string
    readonly processing_mode: string
    readonly channels: ReadonlyArray<string>
  }
  interface Stats {
    readonly apps: number
    readonly contacts: number
    readonly conversations: number
    readonly messages: number
  }
  interface ProjectView {
    readonly project_id: string
    readonly default: boolean
    readonly stats: Stats
    readonly apps: ReadonlyArray<AppView>
    readonly operations: ReadonlyArray<string>
    readonly fault_kinds: ReadonlyArray<string>
  }
  interface DeliveryView {
    readonly id: number
    readonly webhookId: string
    readonly target: string
    readonly trigger: string
    readonly outcome: string
    readonly body: unknown
    readonly attempts: ReadonlyArray<{
      readonly status: number | string
      readonly atMs: number
      readonly millis: number
      readonly headers: Readonly<Record<string, string>>
    }>
    readonly last_status: number | string | null
    readonly latency_millis: number | null
  }
  interface FaultView {
    readonly id: number
    readonly operation: string
    readonly fault: { readonly _tag: string; readonly status?: number; readonly millis?: number }
    readonly remaining: number | null
    readonly probability?: number
  }
  interface Change {
    readonly _tag: string
    readonly projectId?: string
    readonly messageId?: string
    readonly status?: string
  }

  // total readers of untrusted JSON: a missing or mistyped field reads as empty
  const at = (u: unknown, ...path: ReadonlyArray<string>): unknown =>
    path.reduce<unknown>((v, k) => (typeof v === "object" && v !== null ? (v as Json)[k] : undefined), u)
  const str = (u: unknown, ...path: ReadonlyArray<string>): string => {
    const v = at(u, ...path)
    return typeof v === "string" ? v : typeof v === "number" ? String(v) : ""
  }
  const objects = (u: unknown, ...path: ReadonlyArray<string>): Array<Json> => {
    const v = at(u, ...path)
    return Array.isArray(v) ? v.filter((x): x is Json => typeof x === "object" && x !== null) : []
  }
  const has = (u: unknown, ...path: ReadonlyArray<string>): boolean => {
    const v = at(u, ...path)
    return typeof v === "object" && v !== null
  }

  const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T

  type Child = Node | string | null | undefined | false
  const h = (tag: string, attrs: Json = {}, ...children: Array<Child | Array<Child>>): HTMLElement => {
    const el = document.createElement(tag)
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue
      if (k === "class") el.className = String(v)
      else if (k === "text") el.textContent = String(v)
      else if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v as EventListener)
      else el.setAttribute(k, v === true ? "" : String(v))
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue
      el.append(typeof c === "string" ? document.createTextNode(c) : c)
    }
    return el
  }

  const state = {
    project: "",
    app: "",
    list: "conversations" as "conversations" | "contacts",
    navNext: "",
    conversation: "",
    conv: undefined as ConversationView | undefined,
    replyIdentities: [] as ReadonlyArray<Identity>,
    oldest: undefined as number | undefined,
    newest: undefined as number | undefined,
    hasOlder: false,
    loadingOlder: false,
    deliveries: new Map<number, DeliveryView>(),
    deliveriesOldest: undefined as number | undefined,
    selectedDelivery: undefined as number | undefined,
    operations: [] as ReadonlyArray<string>,
    faultKinds: [] as ReadonlyArray<string>
  }

  const showError = (e: unknown): void => {
    const box = $("error")
    box.textContent = e instanceof Error ? e.message : String(e)
    box.hidden = false
  }

  const api = async <A = Json>(path: string, init?: { method: string; body?: unknown }): Promise<A> => {
    const res = await fetch(
      path,
      init === undefined
        ? undefined
        : {
            method: init.method,
            headers: { "content-type": "application/json" },
            body: init.body === undefined ? null : JSON.stringify(init.body)
          }
    )
    const body: unknown = await res.json().catch(() => ({}))
    if (!res.ok) throw new Error(`${res.status} ${str(body, "error", "message") || res.statusText}`)
    $("error").hidden = true
    return body as A
  }

  const projectPath = (): string => `/emulator/inspector/projects/${encodeURIComponent(state.project)}`

  const time = (iso: string): string => {
    const d = new Date(iso)
    return Number.isNaN(d.getTime()) ? iso : d.toLocaleTimeString()
  }

  const saveLocation = (): void => {
    const q = new URLSearchParams()
    if (state.project !== "") q.set("project", state.project)
    if (state.app !== "") q.set("app", state.app)
    if (state.conversation !== "") q.set("conversation", state.conversation)
    history.replaceState(null, "", `?${q.toString()}${location.hash}`)
  }

  // ---------------------------------------------------------------------------------------------------------
  // message rendering

  const RICH_OFF = new Set(["SMS", "MMS"])

  const fileName = (url: string): string => {
    const last = url.split("/").pop() || url
    try {
      return decodeURIComponent(last)
    } catch {
      return last
    }
  }

  const media = (url: string, alt: string): HTMLElement =>
    h(
      "figure",
      { class: "media" },
      h("img", {
        src: url,
        alt,
        loading: "lazy",
        onerror: (e: Event) =>
          (e.target as HTMLElement).replaceWith(h("span", { class: "media-missing", text: "[image not loaded]" }))
      }),
      h(
        "figcaption",
        {},
        h("a", {
          href: url,
          target: "_blank",
          rel: "noreferrer",
          text: url.startsWith("data:") ? "(inline data)" : fileName(url)
        })
      )
    )

  const reply = (m: MessageView, postback: string, label: string): void => {
    void sendInbound({ choice_response_message: { message_id: m.id, postback_data: postback } }, `choice ${label}`)
  }

  const choiceEl = (m: MessageView, choice: Json): HTMLElement => {
    const postback = str(choice, "postback_data")
    if (has(choice, "text_message")) {
      const label = str(choice, "text_message", "text")
      return h("button", { type: "button", class: "choice", onclick: () => reply(m, postback || label, label) }, label)
    }
    if (has(choice, "url_message")) {
      const url = str(choice, "url_message", "url")
      return h("a", {
        class: "choice",
        href: url,
        target: "_blank",
        rel: "noreferrer",
        text: `↗ ${str(choice, "url_message", "title") || url}`
      })
    }
    if (has(choice, "call_message"))
      return h("span", {
        class: "choice",
        text: `☎ ${str(choice, "call_message", "title")} ${str(choice, "call_message", "phone_number")}`
      })
    if (has(choice, "location_message"))
      return h("span", { class: "choice", text: `Location: ${str(choice, "location_message", "title")}` })
    if (has(choice, "calendar_message"))
      return h("span", { class: "choice", text: `Calendar: ${str(choice, "calendar_message", "title")}` })
    return h("span", { class: "choice", text: JSON.stringify(choice) })
  }

  const choices = (m: MessageView, list: ReadonlyArray<Json>): HTMLElement | null =>
    list.length === 0
      ? null
      : h(
          "div",
          { class: "choices", role: "group", "aria-label": "Choices" },
          list.map((c) => choiceEl(m, c))
        )

  const card = (m: MessageView, c: Json): HTMLElement =>
    h(
      "div",
      { class: "card" },
      str(c, "media_message", "url") !== ""
        ? media(str(c, "media_message", "url"), str(c, "title") || "card image")
        : null,
      str(c, "title") !== "" ? h("strong", { text: str(c, "title") }) : null,
      str(c, "description") !== "" ? h("p", { text: str(c, "description") }) : null,
      choices(m, objects(c, "choices"))
    )

  const locationEl = (b: Json): HTMLElement =>
    h(
      "div",
      { class: "location" },
      h(
        "div",
        {},
        h("strong", { text: str(b, "title") || "Location" }),
        str(b, "label") !== "" ? h("div", { text: str(b, "label") }) : null,
        h("div", {
          class: "coords",
          text: `${str(b, "coordinates", "latitude")}, ${str(b, "coordinates", "longitude")}`
        })
      )
    )

  const template = (b: Json): HTMLElement => {
    const entries: Array<[string, unknown]> = has(b, "omni_template")
      ? [["omni", at(b, "omni_template")]]
      : Object.entries((at(b, "channel_template") ?? {}) as Json)
    return h(
      "div",
      { class: "template" },
      entries.map(([name, t]) => {
        const language = str(t, "language_code")
        const params = Object.entries((has(t, "parameters") ? at(t, "parameters") : {}) as Json)
        return h(
          "div",
          {},
          h("strong", {
            text: `Template ${str(t, "template_id")} v${str(t, "version")}${language !== "" ? ` (${language})` : ""}${
              name === "omni" ? "" : ` for ${name}`
            }`
          }),
          params.length > 0
            ? h(
                "dl",
                {},
                params.flatMap(([k, v]) => [h("dt", { text: k }), h("dd", { text: String(v) })])
              )
            : null
        )
      })
    )
  }

  const listEl = (m: MessageView, b: Json): HTMLElement =>
    h(
      "div",
      { class: "list" },
      h("strong", { text: str(b, "title") }),
      str(b, "description") !== "" ? h("p", { text: str(b, "description") }) : null,
      h(
        "details",
        {},
        h("summary", { text: "Open list" }),
        objects(b, "sections").map((s) =>
          h(
            "div",
            { class: "section" },
            str(s, "title") !== "" ? h("div", { class: "section-title", text: str(s, "title") }) : null,
            objects(s, "items").map((item) => {
              const c = has(item, "choice") ? at(item, "choice") : has(item, "product") ? at(item, "product") : item
              const label = str(c, "title") || str(c, "id")
              return h(
                "button",
                { type: "button", class: "choice", onclick: () => reply(m, str(c, "postback_data") || label, label) },
                label,
                str(c, "description") !== "" ? h("small", { text: ` — ${str(c, "description")}` }) : null
              )
            })
          )
        )
      )
    )

  const richBody = (m: MessageView): HTMLElement => {
    const b = (has(m.message, m.kind) ? at(m.message, m.kind) : {}) as Json
    switch (m.kind) {
      case "text_message":
        return h("p", { class: "text", text: str(b, "text") })
      case "media_message":
        return media(str(b, "url"), "media")
      case "media_card_message":
        return h("div", {}, media(str(b, "url"), "media"), h("p", { text: str(b, "caption") }))
      case "choice_message":
        return h(
          "div",
          {},
          h("p", { class: "text", text: str(b, "text_message", "text") }),
          choices(m, objects(b, "choices"))
        )
      case "card_message":
        return card(m, b)
      case "carousel_message":
        return h(
          "div",
          {},
          h(
            "div",
            { class: "carousel", role: "list" },
            objects(b, "cards").map((c) => h("div", { role: "listitem" }, card(m, c)))
          ),
          choices(m, objects(b, "choices"))
        )
      case "location_message":
      case "shared_location_message":
        return locationEl(b)
      case "contact_info_message":
        return h(
          "div",
          { class: "contact-info" },
          h("strong", { text: str(b, "name", "full_name") }),
          objects(b, "phone_numbers").map((p) => h("div", { text: `☎ ${str(p, "phone_number")}` })),
          objects(b, "email_addresses").map((e) => h("div", { text: `✉ ${str(e, "email_address")}` })),
          str(b, "organization", "company") !== "" ? h("div", { text: str(b, "organization", "company") }) : null
        )
      case "list_message":
        return listEl(m, b)
      case "template_message":
        return template(b)
      case "choice_response_message":
        return h("p", { class: "text", text: `↩ ${str(b, "postback_data")}` })
      default:
        return h("p", { class: "text", text: m.text })
    }
  }

  const bodyOf = (m: MessageView): HTMLElement => {
    if (!RICH_OFF.has(m.channel)) return richBody(m)
    // SMS shows text only (what the channel gets once transcoded); MMS adds the media
    return h(
      "div",
      {},
      m.channel === "MMS" && m.kind === "media_message" ? media(str(m.message, m.kind, "url"), "media") : null,
      h("p", { class: "text", text: m.text })
    )
  }

  const STATUS_LABEL: Readonly<Record<string, string>> = {
    QUEUED_ON_CHANNEL: "queued",
    DELIVERED: "delivered",
    READ: "read",
    FAILED: "failed"
  }

  const statusEl = (status: string | null, reasonCode: string | null): HTMLElement => {
    const label = status === null ? "no report" : (STATUS_LABEL[status] ?? status.toLowerCase())
    return h("span", {
      class: `status status-${label.replace(/\s/g, "-")}`,
      "data-status": status ?? "",
      text: reasonCode !== null ? `${label} (${reasonCode})` : label
    })
  }

  const report = (m: MessageView, status: string): void => {
    void api(`/emulator/projects/${encodeURIComponent(state.project)}/messages/${encodeURIComponent(m.id)}:report`, {
      method: "POST",
      body: { status }
    })
      .then(() => announce(`Reported ${status} for the message`))
      .catch(showError)
  }

  const pretty = (raw: unknown): string => {
    try {
      return JSON.stringify(typeof raw === "string" ? JSON.parse(raw) : raw, null, 2)
    } catch {
      return String(raw)
    }
  }

  const messageEl = (m: MessageView): HTMLElement => {
    const out = m.direction === "TO_CONTACT"
    const kindLabel = m.kind.replace(/_message$/, "").replace(/_/g, " ")
    return h(
      "article",
      {
        class: `msg ${out ? "out" : "in"} ch-${m.channel}`,
        "data-id": m.id,
        "data-kind": m.kind,
        "aria-label": `${out ? "Sent to the contact" : "From the contact"}: ${kindLabel} on ${m.channel}`
      },
      h("div", { class: "bubble" }, bodyOf(m)),
      h(
        "div",
        { class: "meta" },
        h("span", { class: "kind", text: `${m.channel} · ${kindLabel}` }),
        h("time", { datetime: m.accepted_time, text: time(m.accepted_time) }),
        out ? statusEl(m.status, m.reason_code) : null,
        out
          ? h(
              "span",
              { class: "acts" },
              h("button", { type: "button", class: "link", onclick: () => report(m, "READ") }, "Mark read"),
              h("button", { type: "button", class: "link", onclick: () => report(m, "FAILED") }, "Mark failed")
            )
          : null,
        m.transcoded !== undefined
          ? h(
              "details",
              { class: "payload" },
              h("summary", { text: "channel payload" }),
              h("pre", { text: pretty(m.transcoded) })
            )
          : null
      )
    )
  }

  // ---------------------------------------------------------------------------------------------------------
  // navigation: projects, apps, conversations, contacts

  const loadProjects = async (): Promise<void> => {
    const { projects } = await api<{ projects: ReadonlyArray<{ project_id: string; default: boolean; stats: Stats }> }>(
      "/emulator/inspector/projects"
    )
    const select = $<HTMLSelectElement>("project")
    select.replaceChildren(
      ...projects.map((p) =>
        h("option", { value: p.project_id, text: `${p.project_id.slice(0, 8)}… (${p.stats.messages} messages)` })
      )
    )
    if (state.project === "" || !projects.some((p) => p.project_id === state.project)) {
      state.project = (projects.find((p) => p.default) ?? projects[0])?.project_id ?? ""
    }
    select.value = state.project
  }

  const loadProject = async (): Promise<void> => {
    const p = await api<ProjectView>(projectPath())
    state.operations = p.operations
    state.faultKinds = p.fault_kinds
    const select = $<HTMLSelectElement>("app")
    if (select.options.length !== p.apps.length || [...select.options].some((o, i) => o.value !== p.apps[i]?.id)) {
      select.replaceChildren(
        ...p.apps.map((a) =>
          h("option", {
            value: a.id,
            text: `${a.display_name || a.id} (${a.processing_mode}, ${a.channels.join(", ")})`
          })
        )
      )
    }
    if (!p.apps.some((a) => a.id === state.app)) state.app = p.apps[0]?.id ?? ""
    select.value = state.app
    $("stats").textContent =
      `${p.stats.apps} apps · ${p.stats.contacts} contacts · ${p.stats.conversations} conversations · ${p.stats.messages} messages`
    renderFaultForm()
  }

  const conversationItem = (c: ConversationView): HTMLElement =>
    h(
      "li",
      {},
      h(
        "button",
        {
          type: "button",
          class: `nav-item${c.id === state.conversation ? " current" : ""}`,
          "data-conversation": c.id,
          "aria-current": c.id === state.conversation ? "true" : undefined,
          onclick: () => void openConversation(c.id).catch(showError)
        },
        h("span", {
          class: "who",
          text: c.contact.display_name || c.contact.channel_identities[0]?.identity || c.contact.id
        }),
        h("span", { class: `badge ch-${c.active_channel}`, text: c.active_channel }),
        h("span", {
          class: "preview",
          text:
            c.last_message === null
              ? "(no messages)"
              : `${c.last_message.direction === "TO_APP" ? "↩ " : ""}${c.last_message.text}`
        })
      )
    )

  const contactItem = (c: ContactView): HTMLElement =>
    h(
      "li",
      {},
      h(
        "button",
        { type: "button", class: "nav-item", onclick: () => void openContact(c.id).catch(showError) },
        h("span", { class: "who", text: c.display_name || c.id }),
        h("span", {
          class: "preview",
          text: c.channel_identities.map((ci) => `${ci.channel} ${ci.identity}`).join(" · ")
        })
      )
    )

  /** The first page of the list (or the next one with `more`); a live refresh reloads the first page. */
  const loadNav = async (more: boolean): Promise<void> => {
    const q = new URLSearchParams({ page_size: "50" })
    if (more && state.navNext !== "") q.set("page_token", state.navNext)
    const list = $("nav-list")
    let items: Array<HTMLElement>
    if (state.list === "conversations") {
      if (state.app !== "") q.set("app_id", state.app)
      const r = await api<{ conversations: ReadonlyArray<ConversationView>; next_page_token: string }>(
        `${projectPath()}/conversations?${q}`
      )
      items = r.conversations.map(conversationItem)
      state.navNext = r.next_page_token
    } else {
      const r = await api<{ contacts: ReadonlyArray<ContactView>; next_page_token: string }>(
        `${projectPath()}/contacts?${q}`
      )
      items = r.contacts.map(contactItem)
      state.navNext = r.next_page_token
    }
    if (more) list.append(...items)
    else list.replaceChildren(...items)
    if (list.children.length === 0) list.append(h("li", { class: "empty", text: `No ${state.list} yet` }))
    $("nav-more").hidden = state.navNext === ""
  }

  const openContact = async (contactId: string): Promise<void> => {
    const q = new URLSearchParams({ contact_id: contactId, page_size: "1" })
    if (state.app !== "") q.set("app_id", state.app)
    const r = await api<{ conversations: ReadonlyArray<ConversationView> }>(`${projectPath()}/conversations?${q}`)
    const conv = r.conversations[0]
    if (conv === undefined) showError("This contact has no conversation with the selected app yet")
    else await openConversation(conv.id)
  }

  // ---------------------------------------------------------------------------------------------------------
  // the thread: the newest page first, older pages as the reader scrolls up, newer messages as they arrive

  const nearBottom = (el: HTMLElement): boolean => el.scrollHeight - el.scrollTop - el.clientHeight < 80

  const renderThread = (r: ThreadPage): void => {
    state.conv = r.conversation
    state.replyIdentities = r.reply_identities
    const c = r.conversation
    $("thread-head").replaceChildren(
      h("h2", { text: c.contact.display_name || c.contact.channel_identities[0]?.identity || c.contact.id }),
      h("span", { class: `badge ch-${c.active_channel}`, text: c.active_channel }),
      h("span", {
        class: "muted",
        text: `${c.contact.channel_identities.map((ci) => `${ci.channel} ${ci.identity}`).join(" · ")}${
          c.active ? "" : " (stopped)"
        }`
      })
    )
    const select = $<HTMLSelectElement>("reply-identity")
    const current = select.value
    select.replaceChildren(
      ...state.replyIdentities.map((ci) =>
        h("option", { value: `${ci.channel}|${ci.identity}`, text: `${ci.channel} ${ci.identity}` })
      )
    )
    const active = state.replyIdentities.find((ci) => ci.channel === c.active_channel)
    select.value =
      current !== "" && [...select.options].some((o) => o.value === current)
        ? current
        : active !== undefined
          ? `${active.channel}|${active.identity}`
          : (select.options[0]?.value ?? "")
    $("composer").hidden = state.replyIdentities.length === 0
  }

  const threadPath = (q: URLSearchParams): string =>
    `${projectPath()}/conversations/${encodeURIComponent(state.conversation)}/messages?${q}`

  const openConversation = async (id: string): Promise<void> => {
    state.conversation = id
    saveLocation()
    const r = await api<ThreadPage>(threadPath(new URLSearchParams({ page_size: "50" })))
    if (state.conversation !== id) return
    state.hasOlder = r.has_more
    state.oldest = r.messages[0]?.key
    state.newest = r.messages[r.messages.length - 1]?.key
    const box = $("messages")
    box.replaceChildren(...r.messages.map(messageEl))
    box.scrollTop = box.scrollHeight
    renderThread(r)
    for (const b of document.querySelectorAll<HTMLElement>(".nav-item[data-conversation]")) {
      const current = b.dataset["conversation"] === id
      b.classList.toggle("current", current)
      if (current) b.setAttribute("aria-current", "true")
      else b.removeAttribute("aria-current")
    }
  }

  const loadOlder = async (): Promise<void> => {
    if (!state.hasOlder || state.loadingOlder || state.oldest === undefined) return
    state.loadingOlder = true
    try {
      const id = state.conversation
      const r = await api<ThreadPage>(
        threadPath(new URLSearchParams({ page_size: "50", before: String(state.oldest) }))
      )
      if (state.conversation !== id) return
      const box = $("messages")
      const before = box.scrollHeight
      box.prepend(...r.messages.map(messageEl))
      box.scrollTop += box.scrollHeight - before
      state.hasOlder = r.has_more
      state.oldest = r.messages[0]?.key ?? state.oldest
    } finally {
      state.loadingOlder = false
    }
  }

  const loadNewer = async (): Promise<void> => {
    const id = state.conversation
    const q = new URLSearchParams({ page_size: "200" })
    if (state.newest !== undefined) q.set("after", String(state.newest))
    const r = await api<ThreadPage>(threadPath(q))
    if (state.conversation !== id) return
    renderThread(r)
    const box = $("messages")
    const stick = nearBottom(box)
    const fresh = r.messages.filter((m) => box.querySelector(`[data-id="${CSS.escape(m.id)}"]`) === null)
    box.append(...fresh.map(messageEl))
    const last = r.messages[r.messages.length - 1]
    if (last !== undefined) state.newest = last.key
    if (state.oldest === undefined) state.oldest = r.messages[0]?.key
    if (stick) box.scrollTop = box.scrollHeight
  }

  const updateStatus = (messageId: string, status: string): void => {
    const el = document.querySelector(`.msg[data-id="${CSS.escape(messageId)}"] .status`)
    if (el !== null) el.replaceWith(statusEl(status, null))
  }

  // ---------------------------------------------------------------------------------------------------------
  // acting as the contact (the emulator's control API: the same signed callbacks a test gets from it)

  const from = (): { channel: string; identity: string } => {
    const [channel, identity] = $<HTMLSelectElement>("reply-identity").value.split("|")
    return { channel: channel ?? "", identity: identity ?? "" }
  }

  const sendInbound = async (contactMessage: Json, what: string): Promise<void> => {
    try {
      await api(`/emulator/projects/${encodeURIComponent(state.project)}/inbound-messages`, {
        method: "POST",
        body: { app_id: state.conv?.app_id ?? state.app, ...from(), contact_message: contactMessage }
      })
      announce(`Sent ${what} as the contact`)
    } catch (e) {
      showError(e)
    }
  }

  const announce = (message: string): void => {
    $("announce").textContent = message
  }

  const onReplyKind = (): void => {
    const kind = $<HTMLSelectElement>("reply-kind").value
    for (const el of document.querySelectorAll<HTMLElement>("#composer [data-for]"))
      el.hidden = el.dataset["for"] !== kind
  }

  const onSubmit = (e: Event): void => {
    e.preventDefault()
    const kind = $<HTMLSelectElement>("reply-kind").value
    const value = (id: string) => $<HTMLInputElement>(id).value.trim()
    if (kind === "text") {
      const text = value("reply-text")
      if (text === "") return
      $<HTMLInputElement>("reply-text").value = ""
      void sendInbound({ text_message: { text } }, "a text")
    } else if (kind === "media") {
      const url = value("reply-media")
      if (url === "") return
      void sendInbound({ media_message: { url } }, "media")
    } else {
      const latitude = Number(value("reply-lat"))
      const longitude = Number(value("reply-lon"))
      if (!Number.isFinite(latitude) || !Number.isFinite(longitude) || value("reply-lat") === "") {
        showError("Latitude and longitude must be numbers")
        return
      }
      void sendInbound(
        { location_message: { coordinates: { latitude, longitude }, title: value("reply-title") || undefined } },
        "a location"
      )
    }
  }

  const composing = async (): Promise<void> => {
    try {
      await api(`/emulator/projects/${encodeURIComponent(state.project)}/inbound-events`, {
        method: "POST",
        body: { app_id: state.conv?.app_id ?? state.app, ...from(), contact_event: { composing_event: {} } }
      })
      announce("Sent a composing event as the contact")
    } catch (e) {
      showError(e)
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // callbacks log

  const deliveryRow = (d: DeliveryView): HTMLElement =>
    h(
      "tr",
      { "data-delivery": d.id, class: d.id === state.selectedDelivery ? "current" : undefined },
      h(
        "td",
        {},
        h(
          "button",
          { type: "button", class: "link", "aria-label": `Show callback ${d.id}`, onclick: () => selectDelivery(d.id) },
          `#${d.id}`
        )
      ),
      h("td", { text: d.trigger }),
      h("td", { class: "target", text: d.target }),
      h("td", {}, h("span", { class: `outcome outcome-${d.outcome}`, text: d.outcome })),
      h("td", { text: d.last_status === null ? "—" : String(d.last_status) }),
      h("td", { text: String(d.attempts.length) }),
      h("td", { text: d.latency_millis === null ? "—" : `${d.latency_millis} ms` })
    )

  const selectDelivery = (id: number): void => {
    state.selectedDelivery = id
    for (const tr of document.querySelectorAll<HTMLElement>("#deliveries-body tr"))
      tr.classList.toggle("current", tr.dataset["delivery"] === String(id))
    const d = state.deliveries.get(id)
    if (d === undefined) return
    $("delivery-detail").replaceChildren(
      h("h2", { text: `Callback #${d.id}: ${d.trigger}` }),
      h(
        "dl",
        { class: "facts" },
        h("dt", { text: "Target" }),
        h("dd", { text: d.target }),
        h("dt", { text: "Webhook" }),
        h("dd", { text: d.webhookId || "(callback_url of the request)" }),
        h("dt", { text: "Outcome" }),
        h("dd", { text: d.outcome })
      ),
      h("h3", { text: `Attempts (${d.attempts.length})` }),
      h(
        "ol",
        { class: "attempts" },
        d.attempts.map((a) =>
          h(
            "li",
            {},
            h("strong", { text: String(a.status) }),
            ` at ${new Date(a.atMs).toLocaleTimeString()} in ${a.millis} ms`,
            h(
              "dl",
              { class: "headers" },
              Object.entries(a.headers).flatMap(([k, v]) => [h("dt", { text: k }), h("dd", { text: v })])
            )
          )
        )
      ),
      h("h3", { text: "Body" }),
      h("pre", { class: "json", text: pretty(d.body) })
    )
  }

  const loadDeliveries = async (older: boolean): Promise<void> => {
    const q = new URLSearchParams()
    if (older && state.deliveriesOldest !== undefined) q.set("before_id", String(state.deliveriesOldest))
    const r = await api<{ deliveries: ReadonlyArray<DeliveryView>; has_more: boolean; pending: number }>(
      `/emulator/inspector/deliveries?${q}`
    )
    for (const d of r.deliveries) state.deliveries.set(d.id, d)
    const oldest = r.deliveries[r.deliveries.length - 1]?.id
    if (older || state.deliveriesOldest === undefined) {
      state.deliveriesOldest = oldest
      $("deliveries-more").hidden = !r.has_more
    }
    $("pending").textContent = `${r.pending} pending`
    $("deliveries-body").replaceChildren(...[...state.deliveries.values()].sort((a, b) => b.id - a.id).map(deliveryRow))
    if (state.selectedDelivery !== undefined) selectDelivery(state.selectedDelivery)
  }

  // ---------------------------------------------------------------------------------------------------------
  // faults

  const renderFaultForm = (): void => {
    const ops = $<HTMLSelectElement>("fault-operation")
    if (ops.options.length > 0) return
    ops.replaceChildren(
      ...state.operations.map((o) => h("option", { value: o, text: o === "*" ? "* (every operation)" : o }))
    )
    ops.value = "messages.send"
    $("fault-kind").replaceChildren(...state.faultKinds.map((k) => h("option", { value: k, text: k })))
  }

  const loadFaults = async (): Promise<void> => {
    const { faults } = await api<{ faults: ReadonlyArray<FaultView> }>("/emulator/faults")
    const list = $("fault-list")
    list.replaceChildren(
      ...faults.map((f) =>
        h(
          "li",
          { "data-fault": f.id },
          h("code", { text: f.operation }),
          " → ",
          h("strong", { text: f.fault._tag }),
          f.fault.status !== undefined ? ` ${f.fault.status}` : "",
          f.fault.millis !== undefined ? ` ${f.fault.millis} ms` : "",
          f.remaining === null ? " (until removed)" : ` (${f.remaining} left)`,
          f.probability !== undefined ? ` p=${f.probability}` : "",
          " ",
          h(
            "button",
            {
              type: "button",
              "aria-label": `Remove fault ${f.id}`,
              onclick: () => void api(`/emulator/faults/${f.id}`, { method: "DELETE" }).catch(showError)
            },
            "Remove"
          )
        )
      )
    )
    if (faults.length === 0) list.append(h("li", { class: "empty", text: "No active faults" }))
    $("tab-faults").textContent = faults.length === 0 ? "Faults" : `Faults (${faults.length} active)`
  }

  const addFault = (e: Event): void => {
    e.preventDefault()
    const value = (id: string) => $<HTMLInputElement>(id).value.trim()
    const tag = $<HTMLSelectElement>("fault-kind").value
    const fault: Record<string, unknown> = { _tag: tag }
    if (tag === "Status" || tag === "HtmlError") fault["status"] = Number(value("fault-status") || "503")
    if (tag === "Latency") fault["millis"] = Number(value("fault-millis") || "1000")
    const operation = $<HTMLSelectElement>("fault-operation").value
    const body: Record<string, unknown> = { operation, fault }
    if (value("fault-count") !== "") body["count"] = Number(value("fault-count"))
    if (value("fault-probability") !== "") body["probability"] = Number(value("fault-probability"))
    void api("/emulator/faults", { method: "POST", body })
      .then(() => announce(`Fault ${tag} on ${operation} added`))
      .catch(showError)
  }

  // ---------------------------------------------------------------------------------------------------------
  // tabs and live updates

  const selectTab = (name: string): void => {
    for (const tab of ["conversations", "callbacks", "faults"]) {
      const selected = tab === name
      $(`tab-${tab}`).setAttribute("aria-selected", String(selected))
      $(`tab-${tab}`).tabIndex = selected ? 0 : -1
      $(`view-${tab}`).hidden = !selected
    }
    if (name === "callbacks") void loadDeliveries(false).catch(showError)
  }

  const pending = new Set<string>()
  let timer: ReturnType<typeof setTimeout> | undefined
  const schedule = (what: string): void => {
    pending.add(what)
    if (timer !== undefined) return
    timer = setTimeout(() => {
      timer = undefined
      const work = [...pending]
      pending.clear()
      void (async () => {
        if (work.includes("data")) {
          await loadProject()
          if (state.list === "conversations") await loadNav(false)
          if (state.conversation === "") {
            const first = document.querySelector<HTMLElement>(".nav-item[data-conversation]")
            if (first !== null) await openConversation(first.dataset["conversation"]!)
          } else await loadNewer()
        }
        if (work.includes("deliveries") && !$("view-callbacks").hidden) await loadDeliveries(false)
        if (work.includes("faults")) await loadFaults()
      })().catch(showError)
    }, 50)
  }

  const connect = (): void => {
    const source = new EventSource("events")
    let connected = false
    source.addEventListener("ready", () => {
      $("live").textContent = "● live"
      document.body.dataset["live"] = "true"
      // after a reconnection, what changed meanwhile was missed: read everything again
      if (connected) for (const what of ["data", "deliveries", "faults"]) schedule(what)
      connected = true
    })
    source.onmessage = (e: MessageEvent<string>) => {
      for (const change of JSON.parse(e.data) as ReadonlyArray<Change>) {
        switch (change._tag) {
          case "Data":
            if (change.projectId === state.project) schedule("data")
            break
          case "Status":
            if (change.projectId === state.project) updateStatus(change.messageId ?? "", change.status ?? "")
            break
          case "Delivery":
            schedule("deliveries")
            break
          case "Faults":
            schedule("faults")
            break
        }
      }
    }
    source.onerror = () => {
      $("live").textContent = "○ reconnecting"
      document.body.dataset["live"] = "false"
    }
  }

  const start = async (): Promise<void> => {
    const q = new URLSearchParams(window.location.search)
    state.project = q.get("project") ?? ""
    state.app = q.get("app") ?? ""
    const wanted = q.get("conversation") ?? ""
    await loadProjects()
    await loadProject()
    await loadNav(false)
    const first = document.querySelector<HTMLElement>(".nav-item[data-conversation]")
    const id = wanted !== "" ? wanted : (first?.dataset["conversation"] ?? "")
    if (id !== "") await openConversation(id)
    await loadFaults()
    performance.mark("inspector-ready")
    document.body.dataset["ready"] = "true"
  }

  const wire = (): void => {
    $("project").addEventListener("change", (e) => {
      state.project = (e.target as HTMLSelectElement).value
      state.app = ""
      state.conversation = ""
      void loadProject()
        .then(() => loadNav(false))
        .catch(showError)
    })
    $("app").addEventListener("change", (e) => {
      state.app = (e.target as HTMLSelectElement).value
      saveLocation()
      void loadNav(false).catch(showError)
    })
    for (const list of ["conversations", "contacts"] as const) {
      $(`list-${list}`).addEventListener("click", () => {
        state.list = list
        state.navNext = ""
        $("list-conversations").setAttribute("aria-pressed", String(list === "conversations"))
        $("list-contacts").setAttribute("aria-pressed", String(list === "contacts"))
        void loadNav(false).catch(showError)
      })
    }
    $("nav-more").addEventListener("click", () => void loadNav(true).catch(showError))
    $("messages").addEventListener("scroll", () => {
      if ($("messages").scrollTop < 200) void loadOlder().catch(showError)
    })
    $("composer").addEventListener("submit", onSubmit)
    $("reply-kind").addEventListener("change", onReplyKind)
    $("composing").addEventListener("click", () => void composing())
    $("fault-form").addEventListener("submit", addFault)
    $("faults-clear").addEventListener(
      "click",
      () => void api("/emulator/faults", { method: "DELETE" }).catch(showError)
    )
    $("deliveries-more").addEventListener("click", () => void loadDeliveries(true).catch(showError))
    const tabs = ["conversations", "callbacks", "faults"]
    for (const tab of tabs) {
      $(`tab-${tab}`).addEventListener("click", () => selectTab(tab))
      $(`tab-${tab}`).addEventListener("keydown", (e) => {
        const i = tabs.indexOf(tab)
        const next = e.key === "ArrowRight" ? tabs[(i + 1) % 3] : e.key === "ArrowLeft" ? tabs[(i + 2) % 3] : undefined
        if (next !== undefined) {
          selectTab(next)
          $(`tab-${next}`).focus()
        }
      })
    }
  }

  wire()
  connect()
  void start().catch(showError)
}
