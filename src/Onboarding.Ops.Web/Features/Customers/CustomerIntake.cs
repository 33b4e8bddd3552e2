using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Domain;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.Requirements;
using Onboarding.Ops.Data;

namespace Onboarding.Ops.Web.Features.Customers;

/// <summary>What became of one change from the customer's side.</summary>
public sealed record IntakeResult(CustomerAction? Taken, CustomerStatus Before, string? Refused = null, string? Conflict = null)
{
    public bool Succeeded => Refused is null && Conflict is null;
}

/// <summary>
/// The one way in for the customer side's data, whichever door it comes through (partner API create, PATCH, resubmit,
/// documents, questionnaire; the hosted flow): the domain verb, then the automated checks on the data now under
/// review and the sanctions and PEP screening, then one save with the audit entries and partner events. A new entry
/// point calls this and cannot forget the checks.
/// </summary>
public sealed class CustomerIntake(TimeProvider clock, RequirementPolicy policy, LinkSettings links, Screening.Screener screener)
{
    /// <summary>
    /// A new customer: the domain decides pending or needs_information; a hosted one gets its verification link, whose
    /// token is returned here only (it is stored as a hash).
    /// </summary>
    public async Task<(Customer? Customer, string? LinkToken, string? Refused)> CreateAsync(OpsDbContext db, Actor partner, NewCustomer input)
    {
        var now = clock.GetUtcNow();
        Customer customer;
        string? token;
        try
        {
            customer = Customer.Create(partner, now, input, policy);
            token = customer.Model == VerificationModel.Hosted && customer.Status != CustomerStatus.Active
                ? customer.IssueVerificationLink(partner, now, links.Lifetime) : null;
        }
        catch (DomainRuleException refused)
        {
            return (null, null, refused.Message);
        }
        if (customer.SubmittedAt is not null)
        {
            await CustomerChecks.RecordAsync(db, customer, now);
            await screener.ScreenAsync(db, customer, now);
            await Risk.RiskAssessor.AssessAsync(db, customer, now);
        }
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return (customer, token, null);
    }

    /// <summary>
    /// Data sent for a tracked customer: the first submission, an answer to the checklist, an update of an active
    /// customer, or (resubmit) a retry after a retryable rejection. <paramref name="beforeSave"/> stores uploaded files
    /// once the domain accepted them.
    /// </summary>
    public Task<IntakeResult> SendAsync(OpsDbContext db, Customer customer, Actor actor, CustomerChanges changes, bool resubmit,
        Func<Task>? beforeSave = null) =>
        ApplyAsync(db, customer, checks: true, beforeSave, now =>
        {
            if (resubmit && customer.Status != CustomerStatus.NeedsInformation)
            {
                customer.Resubmit(actor, now, changes, policy);
                return CustomerAction.Resubmit;
            }
            return customer.ReceiveData(actor, now, changes, policy);
        });

    /// <summary>The source-of-funds questionnaire: nothing the automated checks look at changes, so they do not run again.</summary>
    public Task<IntakeResult> AnswerSourceOfFundsAsync(OpsDbContext db, Customer customer, Actor actor, SourceOfFundsAnswers answers) =>
        ApplyAsync(db, customer, checks: false, beforeSave: null, now =>
        {
            customer.AnswerSourceOfFunds(actor, now, answers, policy);
            return CustomerAction.AnswerQuestionnaire;
        });

    /// <summary>
    /// The partner withdraws an undecided application: its personal data and the end user's unsent draft are erased,
    /// the draft in the same save, so a conflict keeps both.
    /// </summary>
    public Task<IntakeResult> WithdrawAsync(OpsDbContext db, Customer customer, Actor actor) =>
        ApplyAsync(db, customer, checks: false,
            beforeSave: async () => db.RemoveRange(await db.Set<HostedDraft>().Where(d => d.CustomerId == customer.Id).ToListAsync()),
            now =>
            {
                customer.Withdraw(actor, now);
                return CustomerAction.Withdraw;
            });

    private async Task<IntakeResult> ApplyAsync(
        OpsDbContext db, Customer customer, bool checks, Func<Task>? beforeSave, Func<DateTimeOffset, CustomerAction> change)
    {
        var now = clock.GetUtcNow();
        var before = customer.Status;
        CustomerAction taken;
        try
        {
            taken = change(now);
        }
        catch (DomainRuleException refused)
        {
            return new IntakeResult(null, before, Refused: refused.Message);
        }
        if (checks && customer.SubmittedAt is not null)
        {
            await CustomerChecks.RecordAsync(db, customer, now);
            await screener.ScreenAsync(db, customer, now);
        }
        if (customer.SubmittedAt is not null)
        {
            // The questionnaire (its expected volume, a company's activity) moves the risk too, not only the data.
            await Risk.RiskAssessor.AssessAsync(db, customer, now);
        }
        if (beforeSave is not null)
        {
            await beforeSave();
        }
        return await db.SaveOrConflictAsync() is { } conflict
            ? new IntakeResult(null, before, Conflict: conflict.Message)
            : new IntakeResult(taken, before);
    }
}
