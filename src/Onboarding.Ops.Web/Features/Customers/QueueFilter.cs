using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Onboarding.Ops.Domain.Blockers;
using Onboarding.Ops.Domain.Customers;

namespace Onboarding.Ops.Web.Features.Customers;

public enum QueueView
{
    NeedsReview,
    /// <summary>Decisions staged by one reviewer, waiting for a second.</summary>
    SecondReview,
    /// <summary>Customers with an undecided screening hit, whatever their status (a new list reaches active ones too).</summary>
    ScreeningHits,
    /// <summary>Active customers whose periodic review is due.</summary>
    DueForReview,
    WaitingOnCustomer,
    OnHold,
    Rejected,
    Active,
    All,
}

public enum Assignment
{
    Anyone,
    Me,
    Nobody,
}

public enum QueueSort
{
    Waiting,
    Name,
    Created,
    Risk,
}

/// <summary>
/// Everything that selects a page of the customer queue. It round-trips through the URL, so a view can be bookmarked
/// and shared and Back returns to it.
/// </summary>
public sealed record QueueFilter
{
    public const int DefaultPageSize = 25;

    public QueueView View { get; init; } = QueueView.NeedsReview;
    public CustomerStatus? Status { get; init; }
    public CustomerType? Type { get; init; }
    public VerificationLevel? Level { get; init; }
    public Domain.Risk.RiskLevel? Risk { get; init; }
    public VerificationModel? Model { get; init; }
    public string? PartnerId { get; init; }
    public Assignment Assigned { get; init; }
    public SlaState? Sla { get; init; }
    public WaitingAge? Age { get; init; }
    public DateOnly? CreatedFrom { get; init; }
    public DateOnly? CreatedTo { get; init; }
    public string? Search { get; init; }
    public QueueSort Sort { get; init; } = QueueSort.Waiting;
    public bool Descending { get; init; }
    public int Page { get; init; }
    public int PageSize { get; init; } = DefaultPageSize;

    public static string ViewName(QueueView view) => view switch
    {
        QueueView.NeedsReview => "Needs review",
        QueueView.SecondReview => "Awaiting second review",
        QueueView.ScreeningHits => "Screening hits",
        QueueView.DueForReview => "Due for review",
        QueueView.WaitingOnCustomer => "Waiting on customer",
        QueueView.OnHold => "On hold",
        QueueView.Rejected => "Rejected",
        QueueView.Active => "Active",
        _ => "All",
    };

    /// <summary>The query string of this filter; defaults are left out so URLs stay short.</summary>
    /// <summary>The queue page showing this filter.</summary>
    public string Href => "customers" + ToQueryString();

    public string ToQueryString()
    {
        var query = new Dictionary<string, string?>
        {
            ["view"] = View == QueueView.NeedsReview ? null : Kebab(View),
            ["status"] = Status is { } status ? Wire.Of(status) : null,
            ["type"] = Type is { } type ? Wire.Of(type) : null,
            ["level"] = Level is { } level ? Wire.Of(level) : null,
            ["risk"] = Risk is { } risk ? Kebab(risk) : null,
            ["model"] = Model is { } model ? Wire.Of(model) : null,
            ["partner"] = PartnerId,
            ["assigned"] = Assigned switch { Assignment.Me => "me", Assignment.Nobody => "none", _ => null },
            ["sla"] = Sla is { } sla ? Kebab(sla) : null,
            ["age"] = Age is { } age ? WaitingAges.Wire(age) : null,
            ["from"] = CreatedFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["to"] = CreatedTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["q"] = string.IsNullOrWhiteSpace(Search) ? null : Search.Trim(),
            ["sort"] = Sort == QueueSort.Waiting ? null : Kebab(Sort),
            ["desc"] = Descending ? "true" : null,
            ["page"] = Page == 0 ? null : (Page + 1).ToString(CultureInfo.InvariantCulture),
            ["size"] = PageSize == DefaultPageSize ? null : PageSize.ToString(CultureInfo.InvariantCulture),
        };
        return QueryHelpers.AddQueryString("", query.Where(p => p.Value is not null)!);
    }

    /// <summary>Reads a filter from a query string; anything unknown or malformed falls back to its default.</summary>
    public static QueueFilter FromQueryString(string queryString)
    {
        var query = QueryHelpers.ParseQuery(queryString);
        string? Get(string key) => query.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.ToString() : null;
        var page = int.TryParse(Get("page"), out var p) && p > 0 ? p - 1 : 0;
        var size = int.TryParse(Get("size"), out var s) && s is >= 10 and <= 100 ? s : DefaultPageSize;
        return new QueueFilter
        {
            View = FromKebab<QueueView>(Get("view")) ?? QueueView.NeedsReview,
            Status = Enum.GetValues<CustomerStatus>().Cast<CustomerStatus?>().FirstOrDefault(v => Wire.Of(v!.Value) == Get("status")),
            Type = Enum.GetValues<CustomerType>().Cast<CustomerType?>().FirstOrDefault(v => Wire.Of(v!.Value) == Get("type")),
            Level = Enum.GetValues<VerificationLevel>().Cast<VerificationLevel?>().FirstOrDefault(v => Wire.Of(v!.Value) == Get("level")),
            Risk = FromKebab<Domain.Risk.RiskLevel>(Get("risk")),
            Model = Enum.GetValues<VerificationModel>().Cast<VerificationModel?>().FirstOrDefault(v => Wire.Of(v!.Value) == Get("model")),
            PartnerId = Get("partner"),
            Assigned = Get("assigned") switch { "me" => Assignment.Me, "none" => Assignment.Nobody, _ => Assignment.Anyone },
            Sla = FromKebab<SlaState>(Get("sla")),
            Age = WaitingAges.FromWire(Get("age")),
            CreatedFrom = DateOnly.TryParseExact(Get("from"), "yyyy-MM-dd", out var from) ? from : null,
            CreatedTo = DateOnly.TryParseExact(Get("to"), "yyyy-MM-dd", out var to) ? to : null,
            Search = Get("q"),
            Sort = FromKebab<QueueSort>(Get("sort")) ?? QueueSort.Waiting,
            Descending = Get("desc") == "true",
            Page = page,
            PageSize = size,
        };
    }

    private static string Kebab<T>(T value) where T : struct, Enum =>
        string.Concat(value.ToString().Select((ch, i) => char.IsUpper(ch) && i > 0 ? "-" + char.ToLowerInvariant(ch) : char.ToLowerInvariant(ch).ToString()));

    private static T? FromKebab<T>(string? text) where T : struct, Enum =>
        Enum.GetValues<T>().Cast<T?>().FirstOrDefault(v => Kebab(v!.Value) == text);
}
