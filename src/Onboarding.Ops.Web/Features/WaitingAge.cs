namespace Onboarding.Ops.Web.Features;

/// <summary>How long work has waited, in the buckets an operations lead reads a queue's depth by.</summary>
public enum WaitingAge
{
    UnderFourHours,
    FourToTwentyFourHours,
    OneToThreeDays,
    OverThreeDays,
}

public static class WaitingAges
{
    public static string Label(WaitingAge age) => age switch
    {
        WaitingAge.UnderFourHours => "0–4 h",
        WaitingAge.FourToTwentyFourHours => "4–24 h",
        WaitingAge.OneToThreeDays => "1–3 d",
        WaitingAge.OverThreeDays => "> 3 d",
    };

    /// <summary>The URL's word for a bucket (<c>age=4-24h</c>).</summary>
    public static string Wire(WaitingAge age) => age switch
    {
        WaitingAge.UnderFourHours => "0-4h",
        WaitingAge.FourToTwentyFourHours => "4-24h",
        WaitingAge.OneToThreeDays => "1-3d",
        WaitingAge.OverThreeDays => "3d+",
    };

    public static WaitingAge? FromWire(string? text) =>
        Enum.GetValues<WaitingAge>().Cast<WaitingAge?>().FirstOrDefault(a => Wire(a!.Value) == text);

    /// <summary>The window of the waiting-since moment for a bucket: after <c>From</c> (when set) and at or before <c>To</c>.</summary>
    public static (DateTimeOffset? From, DateTimeOffset To) Window(WaitingAge age, DateTimeOffset now) => age switch
    {
        WaitingAge.UnderFourHours => (now.AddHours(-4), now),
        WaitingAge.FourToTwentyFourHours => (now.AddHours(-24), now.AddHours(-4)),
        WaitingAge.OneToThreeDays => (now.AddDays(-3), now.AddHours(-24)),
        WaitingAge.OverThreeDays => (null, now.AddDays(-3)),
    };
}
