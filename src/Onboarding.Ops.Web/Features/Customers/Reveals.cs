using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Domain;
using Onboarding.Ops.Domain.Audit;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Features.Customers;

/// <summary>
/// Masked personal data revealed for one customer, with a reason, for as long as that page is open (scoped to the
/// circuit, forgotten when the page closes). Every reveal is an audit entry on the customer: who, what, why.
/// </summary>
public sealed class Reveals(CurrentStaff current, IDbContextFactory<OpsDbContext> contexts, TimeProvider clock)
{
    public const string Action = "personal_data_revealed";

    /// <summary>Why one may look; the trail keeps the choice.</summary>
    public static readonly IReadOnlyList<string> Reasons =
    [
        "Customer contact: the end user or partner is on the line",
        "Fraud investigation",
        "Partner escalation",
        "Data correction requested by the customer",
        "Regulator or law-enforcement request",
    ];

    private readonly Dictionary<Guid, HashSet<PersonalField>> revealed = [];

    /// <summary>The fields this member of staff may reveal: the ones their roles mask, except the documents of a product approver.</summary>
    public static IReadOnlySet<PersonalField> Revealable(IReadOnlySet<PersonalField> hidden) =>
        hidden.Contains(PersonalField.Documents) ? new HashSet<PersonalField>() : hidden.Where(f => f != PersonalField.BirthYear).ToHashSet();

    /// <summary>The fields of this customer revealed on this page, none when none.</summary>
    public IReadOnlySet<PersonalField> Of(Guid customerId) => revealed.TryGetValue(customerId, out var fields) ? fields : new HashSet<PersonalField>();

    public async Task<DecisionResult> RevealAsync(Guid customerId, PersonalField field, string reason)
    {
        var user = await current.RequireAsync(Policies.Customers);
        if (!Revealable(PersonalDataMask.HiddenFrom(user)).Contains(field))
        {
            return new DecisionResult(DecisionOutcome.Refused, "Your role may not reveal this data.");
        }
        if (!Reasons.Contains(reason))
        {
            return new DecisionResult(DecisionOutcome.Refused, "Choose why you need to see it.");
        }
        await using var db = await contexts.CreateDbContextAsync();
        if (!await db.Customers.AnyAsync(c => c.Id == customerId))
        {
            return new DecisionResult(DecisionOutcome.NotFound, "This customer no longer exists.");
        }
        db.AuditEntries.Add(AuditEntry.Create(user.ToActor(), clock.GetUtcNow(), Customer.SubjectType, customerId.ToString(), customerId, Action,
            null, null, note: reason, details: new { field = Describe(field) }));
        await db.SaveChangesAsync();
        (revealed.TryGetValue(customerId, out var fields) ? fields : revealed[customerId] = []).Add(field);
        return new DecisionResult(DecisionOutcome.Done, $"{Describe(field).Capitalised()} shown for this page; your reason is in the audit trail.");
    }

    /// <summary>The page closed: what it revealed is masked again.</summary>
    public void Forget(Guid customerId) => revealed.Remove(customerId);

    public static string Describe(PersonalField field) => field switch
    {
        PersonalField.Contact => "email and phone",
        PersonalField.Identifier => "national id and registration number",
        PersonalField.BirthDate => "birth date",
        PersonalField.BirthYear => "year of birth",
        PersonalField.StreetAddress => "street address",
        PersonalField.Locality => "city, country and nationality",
        PersonalField.Documents => "documents",
    };
}
