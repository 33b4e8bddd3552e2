using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Domain.AccessRequests;
using Onboarding.Ops.Domain.Blockers;
using Onboarding.Ops.Domain.Checks;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.Requirements;
using Onboarding.Ops.Domain;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Features.Customers;
using Onboarding.Ops.Web.Features.Documents;
using Onboarding.Ops.Web.Features.Hosted;
using Onboarding.Ops.Web.Features.Webhooks;

namespace Onboarding.Ops.Web.Api;

/// <summary>Customers: create, read, change data, upload documents, resubmit. Every change goes through a domain verb.</summary>
public static partial class PartnerApi
{
    /// <summary>
    /// Creates a customer: only type and level are required. The domain decides pending (data complete for the level)
    /// or needs_information (with the missing items), and the automated checks run on what was sent.
    /// </summary>
    private static async Task<IResult> CreateCustomerAsync(
        HttpRequest request, ClaimsPrincipal partner, IDbContextFactory<OpsDbContext> contexts, TimeProvider clock,
        RequirementPolicy policy, SlaTargets sla, LinkSettings links, CustomerIntake intake)
    {
        var (body, error) = await ReadJsonAsync(request);
        if (error is not null)
        {
            return error;
        }
        var actor = ActorOf(partner);
        NewCustomer input;
        try
        {
            input = Payload.ToNewCustomer(body!.Value, actor.Id);
        }
        catch (PayloadException bad)
        {
            return BadField(bad);
        }
        await using var db = await contexts.CreateDbContextAsync();
        var (customer, token, refused) = await intake.CreateAsync(db, actor, input);
        if (customer is null)
        {
            return Envelope.Error(StatusCodes.Status422UnprocessableEntity, "refused", refused!);
        }
        return Envelope.Success(Describe(customer, [], policy, sla, clock.GetUtcNow()) with { VerificationLink = LinkOf(request, links, token) },
            StatusCodes.Status201Created);
    }

    private static string? LinkOf(HttpRequest request, LinkSettings links, string? token) =>
        token is null ? null : links.UrlOf($"{request.Scheme}://{request.Host}{request.PathBase}", token);

    /// <summary>A new verification link for a hosted customer; the old one stops opening at once.</summary>
    private static async Task<IResult> RegenerateLinkAsync(
        string id, ClaimsPrincipal partner, HttpRequest request, IDbContextFactory<OpsDbContext> contexts, TimeProvider clock,
        LinkSettings links)
    {
        await using var db = await contexts.CreateDbContextAsync();
        if (await OwnCustomerAsync(db, id, partner, tracked: true) is not { } customer)
        {
            return NotFound(id);
        }
        string token;
        try
        {
            token = customer.IssueVerificationLink(ActorOf(partner), clock.GetUtcNow(), links.Lifetime);
        }
        catch (DomainRuleException refused)
        {
            return Refused(refused);
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            return Conflict();
        }
        return Envelope.Success(new VerificationLinkView(LinkOf(request, links, token)!, customer.VerificationLinkExpiresAt!.Value));
    }

    private static async Task<IResult> GetCustomerAsync(
        string id, ClaimsPrincipal partner, IDbContextFactory<OpsDbContext> contexts, TimeProvider clock, RequirementPolicy policy, SlaTargets sla)
    {
        await using var db = await contexts.CreateDbContextAsync();
        if (await OwnCustomerAsync(db, id, partner) is not { } customer)
        {
            return NotFound(id);
        }
        return Envelope.Success(Describe(customer, await RequestsOfAsync(db, customer), policy, sla, clock.GetUtcNow()));
    }

    /// <summary>
    /// Changed data. The domain decides what it means: an answer to the checklist, the first submission of a hosted
    /// customer, or an update of an active one (contact only: stays active; name, birth date or address: update_requested;
    /// nationality: pending). The answer says which.
    /// </summary>
    private static Task<IResult> UpdateCustomerAsync(
        string id, HttpRequest request, ClaimsPrincipal partner, IDbContextFactory<OpsDbContext> contexts, TimeProvider clock,
        RequirementPolicy policy, SlaTargets sla, CustomerIntake intake) =>
        SendDataAsync(id, request, partner, contexts, clock, policy, sla, intake, resubmit: false);

    /// <summary>After a retryable rejection (with corrected data, optional), or to answer a needs_information checklist.</summary>
    private static Task<IResult> ResubmitAsync(
        string id, HttpRequest request, ClaimsPrincipal partner, IDbContextFactory<OpsDbContext> contexts, TimeProvider clock,
        RequirementPolicy policy, SlaTargets sla, CustomerIntake intake) =>
        SendDataAsync(id, request, partner, contexts, clock, policy, sla, intake, resubmit: true);

    /// <summary>A merge patch of the caller's own customer, handed to the intake; a resubmit may come without a body.</summary>
    private static async Task<IResult> SendDataAsync(
        string id, HttpRequest request, ClaimsPrincipal partner, IDbContextFactory<OpsDbContext> contexts, TimeProvider clock,
        RequirementPolicy policy, SlaTargets sla, CustomerIntake intake, bool resubmit)
    {
        var (body, error) = await ReadJsonAsync(request, allowEmpty: resubmit);
        if (error is not null)
        {
            return error;
        }
        await using var db = await contexts.CreateDbContextAsync();
        if (await OwnCustomerAsync(db, id, partner, tracked: true) is not { } customer)
        {
            return NotFound(id);
        }
        CustomerChanges changes;
        try
        {
            changes = body is { } json ? Payload.ToChanges(json, customer, allowEmpty: resubmit) : new CustomerChanges();
        }
        catch (PayloadException bad)
        {
            return BadField(bad);
        }
        return await AnswerAsync(db, customer, clock, policy, sla, await intake.SendAsync(db, customer, ActorOf(partner), changes, resubmit));
    }

    /// <summary>
    /// The source-of-funds questionnaire, answered whole (a new answer replaces the last); it closes a checklist item
    /// that asks for it and meets the virtual account's requirement.
    /// </summary>
    private static async Task<IResult> AnswerSourceOfFundsAsync(
        string id, HttpRequest request, ClaimsPrincipal partner, IDbContextFactory<OpsDbContext> contexts, TimeProvider clock,
        RequirementPolicy policy, SlaTargets sla, CustomerIntake intake)
    {
        var (body, error) = await ReadJsonAsync(request);
        if (error is not null)
        {
            return error;
        }
        await using var db = await contexts.CreateDbContextAsync();
        if (await OwnCustomerAsync(db, id, partner, tracked: true) is not { } customer)
        {
            return NotFound(id);
        }
        var (answers, bad) = QuestionnaireOf(() => Payload.ToSourceOfFunds(body!.Value, customer.Type), customer.Type, "body");
        return bad ?? await AnswerAsync(db, customer, clock, policy, sla, await intake.AnswerSourceOfFundsAsync(db, customer, ActorOf(partner), answers!));
    }

    /// <summary>The questionnaire as read from a body (on either surface), or the 400 naming the field or what is missing.</summary>
    private static (SourceOfFundsAnswers? Answers, IResult? Error) QuestionnaireOf(Func<SourceOfFundsAnswers> read, CustomerType type, string whole)
    {
        SourceOfFundsAnswers answers;
        try
        {
            answers = read();
        }
        catch (PayloadException bad)
        {
            return (null, BadField(bad));
        }
        return answers.Problems(type) is { Count: > 0 } problems
            ? (null, Envelope.Error(StatusCodes.Status400BadRequest, "invalid_body", $"The questionnaire is incomplete: {string.Join("; ", problems)}.", whole))
            : (answers, null);
    }

    /// <summary>
    /// An identity or proof-of-address document: multipart/form-data with file (JPEG, PNG or PDF, by content, 10 MB at
    /// most), type, issuingCountry, and expiresOn (identity documents) or issuedOn (proof of address).
    /// </summary>
    private static async Task<IResult> UploadDocumentAsync(
        string id, HttpRequest request, ClaimsPrincipal partner, IDbContextFactory<OpsDbContext> contexts, TimeProvider clock,
        RequirementPolicy policy, SlaTargets sla, IDocumentStore store, CustomerIntake intake)
    {
        if (request.ContentLength > DocumentContent.MaxBytes + 64 * 1024)
        {
            return TooLarge("request", DocumentContent.MaxBytes, request.ContentLength);
        }
        if (!request.HasFormContentType)
        {
            return Envelope.Error(StatusCodes.Status400BadRequest, "invalid_body",
                "Send multipart/form-data with the fields file, type, issuingCountry and expiresOn or issuedOn.", "body");
        }
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return Envelope.Error(StatusCodes.Status400BadRequest, "invalid_body", "The multipart body could not be read: " + e.Message, "body");
        }
        await using var db = await contexts.CreateDbContextAsync();
        if (await OwnCustomerAsync(db, id, partner, tracked: true) is not { } customer)
        {
            return NotFound(id);
        }
        NewDocument document;
        byte[] content;
        try
        {
            (document, content) = await DocumentOf(form, request.HttpContext.RequestAborted);
        }
        catch (PayloadException bad)
        {
            return BadField(bad);
        }
        var sent = await intake.SendAsync(db, customer, ActorOf(partner), new CustomerChanges(Documents: [document]), resubmit: false,
            // Stored only once the domain accepted it; by content hash, so storing twice is harmless.
            beforeSave: () => store.SaveAsync(content, request.HttpContext.RequestAborted));
        return await AnswerAsync(db, customer, clock, policy, sla, sent);
    }

    // A selfie is taken by the end user in the hosted flow, never sent by the partner (its evidence is the attestation).
    private static readonly (string Wire, DocumentType Type)[] DocumentTypes =
        [.. Enum.GetValues<DocumentType>().Where(t => t != DocumentType.Selfie).Select(t => (Wire.Of(t), t))];

    private static async Task<(NewDocument Document, byte[] Content)> DocumentOf(IFormCollection form, CancellationToken cancellationToken)
    {
        foreach (var unknown in form.Keys.Where(k => k is not ("type" or "issuingCountry" or "expiresOn" or "issuedOn")))
        {
            throw new PayloadException(unknown, $"Unknown field '{unknown}'. Fields here: file, type, issuingCountry, expiresOn, issuedOn.");
        }
        var typeText = form["type"].ToString();
        var type = DocumentTypes.FirstOrDefault(t => t.Wire == typeText) is { Wire: not null } known ? known.Type
            : throw new PayloadException("type", $"type must be one of {string.Join(", ", DocumentTypes.Select(t => t.Wire))}.");
        var country = form["issuingCountry"].ToString().Trim();
        if (!Countries.IsAlpha2(country))
        {
            throw new PayloadException("issuingCountry", "issuingCountry must be an ISO 3166-1 alpha-2 country code such as CO or DE.");
        }
        var expires = FormDate(form, "expiresOn");
        var issued = FormDate(form, "issuedOn");
        if (Document.IsIdentityType(type) && expires is null)
        {
            throw new PayloadException("expiresOn", "An identity document needs expiresOn (yyyy-MM-dd).");
        }
        if (type == DocumentType.ProofOfAddress && issued is null)
        {
            throw new PayloadException("issuedOn", "A proof of address needs issuedOn (yyyy-MM-dd).");
        }
        if (form.Files.Count != 1 || form.Files[0].Name != "file")
        {
            throw new PayloadException("file", "Send exactly one file, in the field 'file'.");
        }
        var file = form.Files[0];
        if (file.Length > DocumentContent.MaxBytes)
        {
            throw new PayloadException("file", DocumentContent.Problem(file.Length, [])!);
        }
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, cancellationToken);
        var content = buffer.ToArray();
        if (DocumentContent.Problem(content.Length, content) is { } problem)
        {
            throw new PayloadException("file", problem);
        }
        var stored = new DocumentFile(Data.FolderDocumentStore.HashOf(content), DocumentContent.MediaTypeOf(content)!,
            content.Length, Path.GetFileName(file.FileName) is { Length: > 0 and <= 200 } name ? name : null);
        return (new NewDocument(type, country.ToUpperInvariant(), expires, issued, stored), content);
    }

    private static DateOnly? FormDate(IFormCollection form, string field) =>
        form[field].ToString().Trim() is not { Length: > 0 } text ? null
        : Wire.Date(text) ?? throw new PayloadException(field, $"{field} must be a date written yyyy-MM-dd.");

    /// <summary>What the platform made of a change: the effect, a sentence naming what is still needed, and the customer now.</summary>
    private static async Task<IResult> AnswerAsync(
        OpsDbContext db, Customer customer, TimeProvider clock, RequirementPolicy policy, SlaTargets sla, IntakeResult result)
    {
        if (result.Refused is { } refused)
        {
            return Envelope.Error(StatusCodes.Status409Conflict, "not_allowed_now", refused);
        }
        if (result.Conflict is not null)
        {
            return Conflict();
        }
        var (effect, message) = Effect(result.Taken!.Value, result.Before, customer.Status);
        if (customer.Status == CustomerStatus.NeedsInformation)
        {
            message = "Received. Still needed: " + string.Join("; ", customer.OpenChecklist.Select(i => Requirement.Name(i.Code))) + " (see missing).";
        }
        var view = Describe(customer, await RequestsOfAsync(db, customer), policy, sla, clock.GetUtcNow());
        return Envelope.Success(new ChangeView(effect, message, Wire.Of(result.Before), view));
    }

    private static (string Effect, string Message) Effect(CustomerAction taken, CustomerStatus before, CustomerStatus after) => (taken, after) switch
    {
        (CustomerAction.AnswerQuestionnaire, _) when after == before =>
            ("questionnaire_answered", $"Source-of-funds questionnaire received (status {Wire.Of(after)})."),
        (CustomerAction.SubmitUpdate, CustomerStatus.Active) => ("contact_updated", "Contact data only: the customer stays active."),
        (CustomerAction.SubmitUpdate, CustomerStatus.UpdateRequested) =>
            ("update_requested", "Name, birth date or address changed: the change is reviewed (status update_requested)."),
        (CustomerAction.SubmitUpdate, _) =>
            ("full_reverification", $"Nationality or country changed: the customer is verified again from the start (status {Wire.Of(after)})."),
        (_, CustomerStatus.NeedsInformation) =>
            ("information_still_needed", "Received. Some items are still needed: see missing and blockers."),
        (CustomerAction.Resubmit, _) => ("resubmitted", $"Resubmitted after the rejection: waiting for review (status {Wire.Of(after)})."),
        _ => ("submitted_for_review", $"Received: waiting for review (status {Wire.Of(after)}, was {Wire.Of(before)})."),
    };

    private static Task<List<AccessRequest>> RequestsOfAsync(OpsDbContext db, Customer customer) =>
        db.AccessRequests.AsNoTracking().Where(r => r.CustomerId == customer.Id).OrderBy(r => r.RequestedAt).ToListAsync();

    /// <summary>A customer as partners see it: its data, status, product access, and what they or the end user must do next.</summary>
    private static CustomerView Describe(Customer customer, IReadOnlyList<AccessRequest> requests, RequirementPolicy policy, SlaTargets sla, DateTimeOffset now)
    {
        // What the partner or the end user must do: never staff work, internal notes or check details.
        var all = BlockerEngine.For(customer, requests, policy, sla, now);
        var blockers = all
            .Where(b => b.Who is WhoMustAct.Partner or WhoMustAct.EndUser)
            .Select(b => new BlockerView(b.Code, b.Sentence, b.NextStep, b.Who == WhoMustAct.EndUser ? "end_user" : "partner", b.Since));
        // A screening hit is said as a compliance review by the platform: never the list, the entry or the score.
        if (all.Where(b => b.Code is BlockerEngine.ScreeningHitOpen or BlockerEngine.ScreeningMatchConfirmed).MinBy(b => b.Since) is { } screening)
        {
            blockers = blockers.Append(new BlockerView("compliance_review", "The customer is pending the platform's compliance review.",
                "Nothing is needed from you or the end user now; the status changes when the review is done.", "platform", screening.Since));
        }
        var rejection = customer.LastRejection is { } r && customer.Status == CustomerStatus.Rejected
            ? new RejectionView(r.ReasonCodes, r.CustomerMessage, !r.Final) : null;
        return new CustomerView(
            customer.Id, Wire.Of(customer.Type), Wire.Of(customer.Level), Wire.Of(customer.Model), Wire.Of(customer.Status),
            customer.PartnerReference, customer.CreatedAt, customer.StatusChangedAt,
            Payload.Wire(customer.Person), Payload.Wire(customer.Company), rejection,
            [.. requests.Select(Access)],
            [.. customer.OpenChecklist.Select(i => new MissingItem(Requirement.Name(i.Code), i.Instruction))],
            [.. blockers],
            [.. customer.Documents.OrderBy(d => d.ReceivedAt).Select(d => new DocumentView(
                d.Id, Wire.Of(d.Type), d.IssuingCountry, d.ExpiresOn, d.IssuedOn, d.State.ToString().ToLowerInvariant(), d.ReceivedAt,
                d.File?.MediaType, d.File?.Size))],
            // Only in the answer that issued it: the link is stored as a hash.
            VerificationLink: null, customer.VerificationLinkExpiresAt,
            customer.SourceOfFunds is { } funds
                ? new SourceOfFundsView(Payload.Wire(funds.Answers), funds.AnsweredAt, funds.AnsweredByKind == ActorKind.EndUser ? "end_user" : "partner")
                : null,
            customer.Proposed is { } proposed
                ? new ProposedUpdateView(Payload.Wire(proposed.Person), Payload.Wire(proposed.Company),
                    [.. proposed.Changes.Select(c => new FieldChangeView(c.Field, c.Old, c.New))], proposed.SubmittedAt)
                : null);
    }
}
