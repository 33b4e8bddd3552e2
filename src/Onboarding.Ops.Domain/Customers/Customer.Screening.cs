using Onboarding.Ops.Domain.Requirements;
using Onboarding.Ops.Domain.Screening;

namespace Onboarding.Ops.Domain.Customers;

/// <summary>
/// Sanctions and PEP screening: the system records what the lists gave for the customer's parties, a reviewer
/// decides each hit. An undecided hit, or a confirmed sanctions match, stands in the way of approval; a decision
/// holds for the same list entry and the same screened data only.
/// </summary>
public sealed partial class Customer
{
    public IReadOnlyList<ScreeningHit> ScreeningHits { get; private set; } = [];
    /// <summary>Undecided hits, kept as an indexed column so the queue's "Screening hits" view is a range scan.</summary>
    public int OpenHits { get; private set; }
    public DateTimeOffset? ScreenedAt { get; private set; }
    /// <summary>The lists and versions of the last screening, e.g. "Demo sanctions v2".</summary>
    public string? ScreenedAgainst { get; private set; }

    /// <summary>
    /// Who is screened, with the data screened: a person as themselves; a company by its legal name and each of its
    /// beneficial owners. An update under review is screened as proposed.
    /// </summary>
    public IReadOnlyList<ScreenedParty> ScreenedParties()
    {
        if (PersonUnderReview is { } person)
        {
            return person.FullName.Length == 0 ? [] : [ScreenedParty.Of("customer", person)];
        }
        if (CompanyUnderReview is not { } company)
        {
            return [];
        }
        var parties = new List<ScreenedParty>();
        if (!string.IsNullOrWhiteSpace(company.LegalName))
        {
            parties.Add(new ScreenedParty("customer", company.LegalName.Trim(), false, null,
                Present(company.CountryOfIncorporation, company.RegisteredAddress?.CountryCode), Present(company.RegistrationNumber)));
        }
        parties.AddRange(company.Owners.Select((o, i) => (o, i)).Where(x => x.o.Person.FullName.Length > 0)
            .Select(x => ScreenedParty.Of($"owner {x.i + 1}", x.o.Person)));
        return parties;
    }

    /// <summary>
    /// The system records a screening: the hits found now replace the last ones. A hit a reviewer already decided for
    /// the same entry and the same data keeps its decision (it is not raised again); a confirmed true match stays even
    /// when it is not found again, until the customer is decided. A new undecided hit drops a staged decision.
    /// </summary>
    public void RecordScreening(Actor actor, DateTimeOffset at, IReadOnlyList<ScreeningHit> found, string against)
    {
        Guard(CustomerAction.RecordScreening, actor, RequirementPolicy.Default, at);
        var previous = ScreeningHits;
        var now = found.DistinctBy(h => h.Id).Select(hit =>
            previous.FirstOrDefault(p => p.Id == hit.Id && p.Basis == hit.Basis) is { } known
                ? hit with { RaisedAt = known.RaisedAt, Verdict = known.Verdict, DecidedAt = known.DecidedAt, DecidedBy = known.DecidedBy, Note = known.Note }
                : hit with { RaisedAt = at }).ToList();
        now.AddRange(previous.Where(p => p.Verdict == HitVerdict.TrueMatch && !now.Any(h => h.Id == p.Id)));
        var raised = now.Where(h => h.IsOpen && !previous.Any(p => p.Id == h.Id && p.Basis == h.Basis && p.IsOpen)).ToList();
        ScreeningHits = now;
        OpenHits = now.Count(h => h.IsOpen);
        ScreenedAt = at;
        ScreenedAgainst = against;
        Record(actor, at, "screened", Status, details: new
        {
            against,
            hits = now.Select(h => new { h.Id, entry = h.EntryName, h.List, version = h.ListVersion, h.Score, state = State(h) }),
            raised = raised.Count > 0 ? raised.Select(h => h.Id) : null,
        });
        if (raised.Count > 0)
        {
            DropStaged(at, $"screening raised a possible match on {raised[0].Describe()}");
        }
    }

    /// <summary>
    /// A reviewer decides a hit: a false positive (a note says why) or a true match. A true sanctions match is then
    /// rejected with <c>sanctions_match</c>; a true PEP match does not block, it raises the customer's risk.
    /// </summary>
    public void DecideHit(Actor actor, DateTimeOffset at, string hitId, HitVerdict verdict, string? note)
    {
        if (WhyNotDecideHit(actor, hitId) is { } why)
        {
            throw new DomainRuleException(why);
        }
        if (verdict == HitVerdict.FalsePositive && string.IsNullOrWhiteSpace(note))
        {
            throw new DomainRuleException("Clearing a screening hit needs a note saying why the customer is not the listed party.");
        }
        Limit("Decide hit", "note", note, MaxNoteLength);
        var hit = ScreeningHits.First(h => h.Id == hitId);
        ScreeningHits = [.. ScreeningHits.Select(h => h.Id == hitId
            ? h with { Verdict = verdict, DecidedAt = at, DecidedBy = actor.Name, Note = note?.Trim() } : h)];
        OpenHits = ScreeningHits.Count(h => h.IsOpen);
        Record(actor, at, verdict == HitVerdict.FalsePositive ? "screening_hit_cleared" : "screening_hit_confirmed", Status, note: note?.Trim(),
            details: new { hit.Id, entry = hit.EntryName, hit.List, version = hit.ListVersion, hit.Programmes, pep = hit.IsPep, hit.Party, hit.Score });
        DropStaged(at, $"{actor.Name} {(verdict == HitVerdict.FalsePositive ? "cleared" : "confirmed")} the screening hit on {hit.EntryName}");
    }

    /// <summary>Null when this actor may decide this hit now; otherwise why not.</summary>
    public string? WhyNotDecideHit(Actor actor, string hitId) =>
        WhyNotHere(CustomerAction.DecideHit, actor)
        ?? (ScreeningHits.FirstOrDefault(h => h.Id == hitId) is not { } hit ? "Decide hit refused: there is no such screening hit."
            : hit.Verdict is { } verdict ? $"Decide hit refused: {hit.DecidedBy} already decided it ({(verdict == HitVerdict.FalsePositive ? "false positive" : "true match")})."
            : null);

    private string? ScreeningProblem() =>
        ScreeningHits.FirstOrDefault(h => h.BlocksApproval) is not { } hit ? null
        : hit.IsOpen ? $"the {hit.Kind} screening hit on {hit.Describe()} is not decided"
        : $"{hit.DecidedBy} confirmed the {hit.Kind} match on {hit.Describe()}: the customer is to be rejected (sanctions_match)";

    private static string State(ScreeningHit hit) =>
        hit.Verdict is null ? "open" : hit.Verdict == HitVerdict.FalsePositive ? "false_positive" : "true_match";

    private static IReadOnlyList<string> Present(params string?[] values) =>
        [.. values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).Distinct()];
}
