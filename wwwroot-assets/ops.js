// Tells the server the viewer's time zone (an IANA id), so staff pages show times in it (ViewerZone.cs).
document.cookie = "ops-tz=" + encodeURIComponent(Intl.DateTimeFormat().resolvedOptions().timeZone) + "; path=/; max-age=31536000; samesite=lax";
