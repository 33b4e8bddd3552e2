using System.Globalization;

namespace Onboarding.Ops.Web.Components.Shared;

/// <summary>
/// The viewer's time zone, read from the browser (assets/ops.js sets the <c>ops-tz</c> cookie) and cascaded from
/// <c>Routes</c>: times show in it, with UTC on hover. Stored times stay UTC; this is display only.
/// </summary>
public sealed class ViewerZone(TimeZoneInfo zone)
{
    public const string Cookie = "ops-tz";

    public static ViewerZone Utc { get; } = new(TimeZoneInfo.Utc);

    public TimeZoneInfo Zone { get; } = zone;

    /// <summary>The zone named by the browser (an IANA id such as Europe/Paris); UTC when absent or unknown.</summary>
    public static ViewerZone FromId(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? new ViewerZone(zone) : Utc;

    public static string FormatUtc(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    internal static string Format(TimeZoneInfo zone, DateTimeOffset value)
    {
        var local = TimeZoneInfo.ConvertTime(value, zone);
        return local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " " + Offset(local.Offset);
    }

    private static string Offset(TimeSpan offset) => offset == TimeSpan.Zero ? "UTC"
        : "UTC" + (offset < TimeSpan.Zero ? "-" : "+") + (offset.Minutes == 0 ? $"{Math.Abs(offset.Hours)}" : offset.ToString(@"h\:mm"));
}

public static class ViewerZoneFormatting
{
    /// <summary>"2026-12-06 17:24 UTC+9" in the viewer's zone; "2026-12-06 08:24 UTC" for a viewer in UTC or not known
    /// (a component rendered without the cascade, as in a component test).</summary>
    public static string Time(this ViewerZone? viewer, DateTimeOffset value) => ViewerZone.Format((viewer ?? ViewerZone.Utc).Zone, value);
}
