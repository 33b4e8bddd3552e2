// Tells the server the viewer's time zone (an IANA id), so staff pages show times in it (ViewerZone.cs).
document.cookie = "ops-tz=" + encodeURIComponent(Intl.DateTimeFormat().resolvedOptions().timeZone) + "; path=/; max-age=31536000; samesite=lax";

// Keyboard shortcuts, listed behind "?" (ShortcutsDialog.razor). A page marks what a key does with data-shortcut on the
// button or link to press, so a shortcut does exactly what the click does (and the server checks it the same way);
// j and k move through the queue's rows, Enter opens the focused one. Keys typed into a field, keys with Ctrl, Alt or
// Meta, and keys while a dialog is open (Escape closes it) are left alone.
document.addEventListener("keydown", event => {
    if (event.ctrlKey || event.altKey || event.metaKey || event.defaultPrevented) return;
    const target = event.target instanceof Element ? event.target : null;
    if (target && target.closest("input, textarea, select, [contenteditable=true], .mud-popover-open")) return;
    if (document.querySelector(".mud-dialog-container, [data-menu-toggle][aria-expanded=true]")) return;
    if (event.key === "j" || event.key === "k") {
        if (moveInQueue(event.key === "j" ? 1 : -1)) event.preventDefault();
        return;
    }
    const element = document.querySelector(`[data-shortcut="${CSS.escape(event.key)}"]`);
    if (element && !element.disabled && !element.classList.contains("mud-disabled")) {
        element.click();
        event.preventDefault();
    }
});

function moveInQueue(step) {
    const links = [...document.querySelectorAll("tbody .ops-row-link")];
    if (links.length === 0) return false;
    const current = links.indexOf(document.activeElement);
    const next = current < 0 ? (step > 0 ? 0 : links.length - 1) : Math.min(links.length - 1, Math.max(0, current + step));
    links[next].focus();
    links[next].scrollIntoView({ block: "nearest" });
    return true;
}

// A click anywhere on a queue row opens its customer, as the link on its name does (QueueTable.razor): the rows carry no
// server-side handler, and a click on the row's own link or button is theirs alone.
document.addEventListener("click", event => {
    const target = event.target instanceof Element ? event.target : null;
    const row = target ? target.closest("tr.ops-clickable") : null;
    if (!row || event.defaultPrevented || target.closest("a, button, input, select, label")) return;
    row.querySelector(".ops-row-link")?.click();
});

// The app bar's disclosures open and close here, in the browser, and hold nothing on the server (MainLayout.razor,
// UserMenu.razor). A menu closes on a click elsewhere, on one of its own links or buttons, and on Escape. The navigation
// drawer is MudBlazor's responsive drawer drawn as markup: beside the page from 960 px, over it below (closed at first,
// and closed again by a link or a click elsewhere), the same classes MudDrawer set.
document.addEventListener("click", event => {
    const target = event.target instanceof Element ? event.target : null;
    const toggle = target?.closest("[data-menu-toggle]");
    for (const open of document.querySelectorAll("[data-menu-toggle][aria-expanded=true]")) {
        const panel = document.getElementById(open.getAttribute("aria-controls"));
        if (open !== toggle && !(panel?.contains(target) && !target.closest("a, button"))) showMenu(open, false);
    }
    if (toggle) showMenu(toggle, toggle.getAttribute("aria-expanded") !== "true");

    const drawer = document.getElementById("ops-drawer");
    if (!drawer) return;
    if (target?.closest("[data-drawer-toggle]")) showDrawer(drawer, !drawerShown(drawer));
    else if (isNarrow() && drawerShown(drawer) && (!drawer.contains(target) || target.closest("a"))) showDrawer(drawer, false);
});

document.addEventListener("keydown", event => {
    const open = event.key === "Escape" && document.querySelector("[data-menu-toggle][aria-expanded=true]");
    if (!open) return;
    showMenu(open, false);
    open.focus();
    event.preventDefault();
});

function showMenu(toggle, open) {
    toggle.setAttribute("aria-expanded", String(open));
    document.getElementById(toggle.getAttribute("aria-controls")).hidden = !open;
}

const isNarrow = () => !matchMedia("(min-width: 960px)").matches;

// Below 960 px an untouched drawer ("initial") is hidden by MudBlazor's CSS although marked open.
const drawerShown = drawer => drawer.classList.contains("mud-drawer--open") && !(isNarrow() && drawer.classList.contains("mud-drawer--initial"));

function showDrawer(drawer, open) {
    const layout = drawer.closest(".mud-layout");
    drawer.classList.remove("mud-drawer--initial");
    drawer.classList.toggle("mud-drawer--open", open);
    drawer.classList.toggle("mud-drawer--closed", !open);
    layout.classList.toggle("mud-drawer-open-responsive-md-left", open);
    layout.classList.toggle("mud-drawer-close-responsive-md-left", !open);
    document.querySelector("[data-drawer-toggle]")?.setAttribute("aria-expanded", String(open));
}
