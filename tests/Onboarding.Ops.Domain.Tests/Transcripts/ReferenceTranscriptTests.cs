using Onboarding.Ops.Domain.AccessRequests;
using Onboarding.Ops.Domain.Checks;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.Partners;
using Onboarding.Ops.Domain.ReasonCodes;

namespace Onboarding.Ops.Domain.Tests.Transcripts;

/// <summary>The questionnaire's problems, product choices, access decisions, partners and reference data, written out.</summary>
public sealed class ReferenceTranscriptTests
{
    private static readonly DateTimeOffset At = A.T0.AddDays(1);
    private static readonly Actor Admin = Actor.Admin("staff-admin", "Ada Admin");

    [Fact]
    public void Questionnaire()
    {
        var t = new Transcript();
        var person = A.Questionnaire();
        var company = A.CompanyQuestionnaire();
        var longest = new string('x', SourceOfFundsAnswers.MaxTextLength);
        foreach (var (name, type, answers) in new (string, CustomerType, SourceOfFundsAnswers)[]
                 {
                     ("a person's complete answers", CustomerType.Individual, person),
                     ("a person's empty answers", CustomerType.Individual, new SourceOfFundsAnswers()),
                     ("a person's longest texts", CustomerType.Individual, person with { Occupation = longest, Purpose = $" {longest} " }),
                     ("a person's texts too long", CustomerType.Individual, person with { Occupation = longest + "x", Purpose = longest + "y" }),
                     ("a person with a company's source", CustomerType.Individual, person with { Source = FundsSource.BusinessRevenue }),
                     ("a person with no employment status", CustomerType.Individual, person with { EmploymentStatus = null }),
                     ("a company's complete answers", CustomerType.Business, company),
                     ("a company's empty answers", CustomerType.Business, new SourceOfFundsAnswers()),
                     ("a company's activity too long", CustomerType.Business, company with { BusinessActivity = longest + "x" }),
                     ("a company with a bad country", CustomerType.Business, company with { CountriesOfOperation = ["CO", "Peru"] }),
                     ("a company with a person's source", CustomerType.Business, company with { Source = FundsSource.Salary }),
                 })
        {
            var problems = answers.Problems(type);
            t.Line($"{name}: {(problems.Count == 0 ? "complete" : string.Join("; ", problems))}");
        }
        t.Line("choices:");
        foreach (var type in Enum.GetValues<CustomerType>())
        {
            t.Line($"   sources for {Wire.Of(type)}: {string.Join(", ", SourceOfFundsChoices.SourcesFor(type).Select(c => $"{c.Wire}={c.Label}"))}");
        }
        t.Line($"   employment: {string.Join(", ", SourceOfFundsChoices.Employment.Select(c => $"{c.Wire}={c.Label}"))}");
        t.Line($"   volumes: {string.Join(", ", SourceOfFundsChoices.Volumes.Select(c => $"{c.Wire}={c.Label}"))}");
        t.Line($"   labels: '{SourceOfFundsChoices.Label(SourceOfFundsChoices.Volumes, MonthlyVolume.From1000To10000)}' "
            + $"'{SourceOfFundsChoices.Label<MonthlyVolume>(SourceOfFundsChoices.Volumes, null)}' "
            + $"'{SourceOfFundsChoices.Wire(SourceOfFundsChoices.Sources, FundsSource.Salary)}' '{SourceOfFundsChoices.Wire<FundsSource>(SourceOfFundsChoices.Sources, null)}'");

        t.Heading("answered");
        var answered = A.Active();
        t.Try("a person's answers, trimmed", answered, () => answered.AnswerSourceOfFunds(A.Partner, At, person with { Occupation = "  Nurse ", BusinessActivity = "Shop",
            CountriesOfOperation = ["CO"] }, A.Policy));
        var business = Customer.Create(A.Partner, A.T0, new NewCustomer(CustomerType.Business, VerificationLevel.Minimum, VerificationModel.PartnerVerified,
            "lumen-wallet", Company: A.Company()), A.Policy);
        t.Try("a company's answers, trimmed", business, () => business.AnswerSourceOfFunds(A.Partner, At, company with
            { BusinessActivity = " Freight ", CountriesOfOperation = [" co", "PE", "CO "], Occupation = "Owner", Purpose = "Trade", EmploymentStatus = EmploymentStatus.Employed }, A.Policy));
        t.Verify("questionnaire");
    }

    [Fact]
    public void ProductsAndAccess()
    {
        var t = new Transcript();
        foreach (var type in Products.All)
        {
            t.Line($"{type.Product}: wire {type.Wire}, {type.Name} / {type.Subject}, {type.Variant.Noun} ({type.Variant.Field}): "
                + string.Join(", ", type.Variants.Select(v => $"{v.Id}={v.Description}")));
            foreach (var customerType in Enum.GetValues<CustomerType>())
            {
                t.Line($"   {Wire.Of(customerType)} needs {string.Join(", ", A.Policy.ForProduct(type.Product, customerType))}");
            }
        }
        t.Line($"from wire: cards -> {Products.FromWire("cards")?.Product}, virtual-account -> {Products.FromWire("virtual-account")?.Product}, "
            + $"loans -> {Products.FromWire("loans")?.Product.ToString() ?? "none"}, null -> {Products.FromWire(null)?.Product.ToString() ?? "none"}");
        t.Line($"card types: {string.Join(", ", Products.CardTypes.Select(c => $"{c.Id}={c.Description}"))}");
        t.Line($"currencies: {string.Join(", ", Products.Currencies)}");
        foreach (var choice in new ProductChoice[]
                 {
                     new(Product.Cards), new(Product.Cards, "virtual-usd-visa"), new(Product.Cards, "gold"), new(Product.Cards, "virtual-usd-visa", "USD"),
                     new(Product.VirtualAccount), new(Product.VirtualAccount, Currency: "EUR"), new(Product.VirtualAccount, Currency: "JPY"),
                     new(Product.VirtualAccount, "virtual-usd-visa", "USD"),
                 })
        {
            t.Line($"{choice.Product} card {choice.CardType ?? "-"} currency {choice.Currency ?? "-"}: {choice.Describe()}; {choice.Problem() ?? "complete"}");
        }

        t.Heading("requests");
        var active = A.Active();
        var pending = A.Pending();
        var card = new ProductChoice(Product.Cards, "virtual-usd-visa");
        AccessRequest? granted = null;
        foreach (var (name, actor, customer, choice, earlier) in new (string, Actor, Customer, ProductChoice, AccessRequest[])[]
                 {
                     ("by a reviewer", A.Reviewer, active, card, []),
                     ("an incomplete choice", A.Partner, active, new ProductChoice(Product.Cards), []),
                     ("for a pending customer", A.Partner, pending, card, []),
                     ("by the end user", A.EndUser, active, card, []),
                     ("by the system", Actor.System, active, card, []),
                 })
        {
            try
            {
                var outcome = AccessRequest.Request(actor, At, customer, choice, earlier);
                t.Line($"{name} -> {(outcome.Created is { } created ? $"created, {created.Status}" : "duplicate")}");
                foreach (var entry in outcome.Created?.TakeNewAuditEntries() ?? [])
                {
                    t.Entry(entry);
                }
                if (outcome.Created is { Status: AccessRequestStatus.Requested } open && granted is null)
                {
                    granted = open;
                }
            }
            catch (DomainRuleException refused)
            {
                t.Line($"{name} -> refused: {refused.Message}");
            }
        }
        var again = AccessRequest.Request(A.Partner, At, active, card, [granted!]);
        t.Line($"the same again -> {(again.Duplicate == granted ? "the open request" : "something else")}");
        var otherCustomer = A.Active();
        var elsewhere = AccessRequest.Request(A.Partner, At, otherCustomer, card, [granted!]);
        t.Line($"the same for another customer -> {(elsewhere.Created is null ? "duplicate" : "created")}");

        t.Heading("grant");
        var request = granted!;
        t.Try("by a reviewer", request, () => request.Grant(A.Reviewer, At, active, A.Policy));
        t.Try("for another customer", request, () => request.Grant(A.Approver, At, otherCustomer, A.Policy));
        var account = AccessRequest.Request(A.Partner, At, active, new ProductChoice(Product.VirtualAccount, Currency: "USD"), []).Created!;
        t.Line($"virtual account: {account.WhyNotGrant(A.Approver, active, A.Policy, At)}");
        foreach (var result in account.Preconditions(active, A.Policy, At))
        {
            t.Line($"   {result.Code} {result.State}: {result.Reason} [{result.Evidence}]");
        }
        foreach (var (name, customer) in new[] { ("a pending customer", A.Pending()), ("an active basic customer", active),
                     ("an active advanced customer", A.Active(VerificationLevel.Advanced)) })
        {
            string Blocks(Product product) => AccessRequest.WhatBlocks(product, customer, A.Policy, At) switch
            {
                null => "grantable",
                { CustomerStatus: { } status } => $"customer {Wire.Of(status)}",
                { Failing: { } failing } => $"{failing.Code} {failing.State}: {failing.Reason}",
                _ => "?",
            };
            t.Line($"before any request, {name}: cards {Blocks(Product.Cards)}; virtual account {Blocks(Product.VirtualAccount)}");
        }
        var heldCustomer = A.Active();
        var heldRequest = A.CardRequest(heldCustomer);
        heldCustomer.SubmitUpdate(A.Partner, At, new CustomerChanges(A.Person(last: "Restrepo Gómez")));
        t.Line($"customer under update: {heldRequest.WhyNotGrant(A.Approver, heldCustomer, A.Policy, At)}");
        t.Try("by an approver, with a note", request, () => request.Grant(A.Approver, At, active, A.Policy, " Checked. "));
        t.Try("again", request, () => request.Grant(A.Approver, At, active, A.Policy));
        t.Try("reject once granted", request, () => request.Reject(A.Approver, At, ["risk_policy"], null, null));
        t.Line($"   now {request.Status}, decided {request.DecidedAt:MM-dd HH:mm} by {request.DecidedBy}, note {request.InternalNote}");

        t.Heading("revoke");
        t.Try("by a reviewer", request, () => request.Revoke(A.Reviewer, At, ["risk_policy"], "Sorry.", null));
        t.Try("without a reason", request, () => request.Revoke(A.Approver, At, [], "Sorry.", null));
        t.Try("with an unknown reason", request, () => request.Revoke(A.Approver, At, ["nope"], "Sorry.", null));
        t.Try("without a message", request, () => request.Revoke(A.Approver, At, ["risk_policy"], " ", null));
        t.Try("revoke", request, () => request.Revoke(A.Approver, At.AddHours(1), ["risk_policy"], " Card use paused. ", " Chargebacks. "));
        t.Line($"   now {request.Status}, message {request.CustomerMessage}, note {request.InternalNote}, reasons {string.Join(", ", request.ReasonCodes)}");
        t.Try("revoke again", request, () => request.Revoke(A.Approver, At, ["risk_policy"], "Sorry.", null));

        t.Heading("reject");
        var toReject = A.CardRequest(A.Active());
        t.Try("without a reason", toReject, () => toReject.Reject(A.Approver, At, [], null, null));
        t.Try("by support", toReject, () => toReject.Reject(A.Support, At, ["risk_policy"], null, null));
        t.Try("with the catalogue's message", toReject, () => toReject.Reject(A.Approver, At, ["risk_policy", "product_requirements_not_met"], " ", " "));
        t.Line($"   now {toReject.Status}, message {toReject.CustomerMessage}, note {toReject.InternalNote ?? "none"}");
        var withMessage = A.CardRequest(A.Active());
        t.Try("with a message", withMessage, () => withMessage.Reject(Admin, At, ["risk_policy"], " Not for now. ", "Appetite."));
        t.Line($"   now {withMessage.Status}, message {withMessage.CustomerMessage}, note {withMessage.InternalNote}");
        t.Verify("access");
    }

    [Fact]
    public void PartnersAndReferenceData()
    {
        var t = new Transcript();
        try
        {
            Partner.Create(A.Reviewer, At, "andes", "Andes");
        }
        catch (DomainRuleException refused)
        {
            t.Line($"create by a reviewer -> refused: {refused.Message}");
        }
        foreach (var (id, name) in new[] { ("", "Andes"), ("andes", " ") })
        {
            try
            {
                Partner.Create(Admin, At, id, name);
            }
            catch (DomainRuleException refused)
            {
                t.Line($"create '{id}' '{name}' -> refused: {refused.Message}");
            }
        }
        var partner = Partner.Create(Admin, At, "andes", "Andes Pay");
        foreach (var entry in partner.TakeNewAuditEntries())
        {
            t.Entry(entry);
        }
        t.Line($"created {partner.Id} {partner.Name}, disabled {partner.Disabled}, webhook {partner.WebhookUrl ?? "none"}, secret {partner.HasWebhookSecret}");
        string? secret = null;
        t.Try("issue a key by support", partner, () => partner.IssueKey(A.Support, At));
        t.Try("issue a key", partner, () => secret = partner.IssueKey(Admin, At));
        var key = partner.Keys.Single();
        t.Line($"   key {key.Prefix.Length} characters of prefix, secret starts with it: {secret!.StartsWith(key.Prefix)}, hash matches: {key.Hash == ApiKey.HashOf(secret)}, made {key.CreatedAt:MM-dd HH:mm}");
        t.Try("revoke a key by support", partner, () => partner.RevokeKey(A.Support, At, key.Id));
        t.Try("revoke an unknown key", partner, () => partner.RevokeKey(Admin, At, Guid.Empty));
        t.Try("revoke the key", partner, () => partner.RevokeKey(Admin, At.AddHours(1), key.Id));
        t.Line($"   revoked at {key.RevokedAt:MM-dd HH:mm}");
        t.Try("revoke it again", partner, () => partner.RevokeKey(Admin, At, key.Id));
        t.Try("enable an enabled partner", partner, () => partner.SetDisabled(Admin, At, false));
        t.Try("disable by support", partner, () => partner.SetDisabled(A.Support, At, true));
        t.Try("enable by support", partner, () => partner.SetDisabled(A.Support, At, false));
        t.Try("disable", partner, () => partner.SetDisabled(Admin, At, true));
        t.Try("disable again", partner, () => partner.SetDisabled(Admin, At, true));
        t.Try("enable", partner, () => partner.SetDisabled(Admin, At, false));
        foreach (var url in new[] { "ftp://hooks.andes.example", "http://hooks.andes.example/x", "hooks.andes.example",
                     "https://hooks.andes.example/" + new string('a', 500 - 28), "https://hooks.andes.example/" + new string('a', 500 - 27),
                     "http://127.0.0.1:5050/hooks", " https://hooks.andes.example/ops ", "https://hooks.andes.example/ops", null })
        {
            t.Try($"webhook {(url is null ? "none" : url.Length > 60 ? $"of {url.Trim().Length} characters" : $"'{url}'")}", partner,
                () => partner.SetWebhookUrl(Admin, At, url));
        }
        t.Line($"default level {Wire.Of(partner.DefaultLevel)}");
        t.Try("default level by support", partner, () => partner.SetDefaultLevel(A.Support, At, VerificationLevel.Advanced));
        t.Try("default level unchanged", partner, () => partner.SetDefaultLevel(Admin, At, VerificationLevel.Basic));
        t.Try("default level minimum", partner, () => partner.SetDefaultLevel(Admin, At, VerificationLevel.Minimum));
        t.Line($"default level {Wire.Of(partner.DefaultLevel)}");
        t.Try("webhook by support", partner, () => partner.SetWebhookUrl(A.Support, At, "https://x.example"));
        t.Try("rotate the secret by support", partner, () => partner.RotateWebhookSecret(A.Support, At, s => s));
        t.Try("rotate the secret", partner, () => secret = partner.RotateWebhookSecret(Admin, At, s => $"sealed:{s}"));
        t.Line($"   secret starts whsec_: {secret.StartsWith("whsec_")}, sealed as given: {partner.SealedWebhookSecret == $"sealed:{secret}"}, has secret {partner.HasWebhookSecret}");

        t.Heading("unsupported countries");
        foreach (var (code, reason) in new[] { ("VE", "Sanctions."), ("ve ", new string('r', UnsupportedCountry.MaxReasonLength)), ("VE", new string('r', UnsupportedCountry.MaxReasonLength + 1)),
                     ("XX", "No."), ("VE", " "), ("VEN", "No.") })
        {
            try
            {
                var added = UnsupportedCountry.Add(Admin, At, code, reason);
                t.Line($"add '{code}' -> {added.Code}, {added.Reason.Length} characters of reason, by {added.AddedBy} at {added.AddedAt:MM-dd HH:mm}");
            }
            catch (DomainRuleException refused)
            {
                t.Line($"add '{code}' -> refused: {refused.Message}");
            }
        }
        try
        {
            UnsupportedCountry.Add(A.Reviewer, At, "VE", "No.");
        }
        catch (DomainRuleException refused)
        {
            t.Line($"add by a reviewer -> refused: {refused.Message}");
        }
        t.Line($"initial: {string.Join(", ", UnsupportedCountry.Initial(At).Select(c => $"{c.Code} ({c.Reason}, {c.AddedBy})"))}");

        t.Heading("reason codes");
        foreach (var reason in ReasonCatalogue.All)
        {
            t.Line($"{reason.Code} [{reason.Category}] {(reason.FinalByDefault ? "final" : "may resubmit")}: {reason.CustomerMessage}");
        }
        t.Verify("reference");
    }
}
