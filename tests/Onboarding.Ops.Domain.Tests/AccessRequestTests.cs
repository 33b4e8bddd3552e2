using Onboarding.Ops.Domain.AccessRequests;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.Requirements;

namespace Onboarding.Ops.Domain.Tests;

public sealed class AccessRequestTests
{
    private static readonly DateTimeOffset Now = A.T0.AddHours(8);
    private static readonly ProductChoice Card = new(Product.Cards, "virtual-usd-visa");
    private static readonly ProductChoice EuroAccount = new(Product.VirtualAccount, Currency: "EUR");

    [Fact]
    public void Request_ActiveCustomer_IsRequestedAndAudited()
    {
        var request = A.CardRequest(A.Active());

        Assert.Equal(AccessRequestStatus.Requested, request.Status);
        var entry = Assert.Single(request.TakeNewAuditEntries());
        Assert.Equal("access_requested", entry.Action);
        Assert.Equal(request.CustomerId, entry.CustomerId);
    }

    [Fact]
    public void Request_DuplicateOfAnOpenRequest_PointsToTheExistingOne()
    {
        var customer = A.Active();
        var first = A.CardRequest(customer);

        var outcome = AccessRequest.Request(A.Partner, Now, customer, Card, [first]);

        Assert.Null(outcome.Created);
        Assert.Same(first, outcome.Duplicate);
    }

    [Fact]
    public void Request_SameProductAfterARejection_IsANewRequest()
    {
        var customer = A.Active();
        var first = A.CardRequest(customer);
        first.Reject(A.Approver, Now, ["risk_policy"], null, "High-risk merchant category.");

        var outcome = AccessRequest.Request(A.Partner, Now.AddHours(1), customer, Card, [first]);

        Assert.NotNull(outcome.Created);
    }

    [Fact]
    public void Request_OtherCardType_IsNotADuplicate()
    {
        var customer = A.Active();
        var first = A.CardRequest(customer);

        var outcome = AccessRequest.Request(A.Partner, Now, customer, new ProductChoice(Product.Cards, "physical-eur-mastercard"), [first]);

        Assert.NotNull(outcome.Created);
    }

    [Fact]
    public void Request_CustomerNotActive_IsRejectedAtOnceBySystem()
    {
        var request = A.CardRequest(A.Pending());

        Assert.Equal(AccessRequestStatus.Rejected, request.Status);
        Assert.Equal([AccessRequest.CustomerNotActive], request.ReasonCodes);
        Assert.Equal("System", request.DecidedBy);
        Assert.Equal(["access_requested", "access_rejected"], request.TakeNewAuditEntries().Select(e => e.Action));
    }

    [Theory]
    [InlineData(Product.Cards, null, null, "card access needs a card type")]
    [InlineData(Product.Cards, "gold-amex", null, "'gold-amex' is not a known card type: card access is offered with virtual-usd-visa, "
        + "virtual-eur-visa, physical-usd-visa, physical-eur-mastercard, physical-mxn-mastercard")]
    [InlineData(Product.Cards, "virtual-usd-visa", "USD", "card access has a card type, not a currency")]
    [InlineData(Product.VirtualAccount, null, null, "a virtual account needs a currency")]
    [InlineData(Product.VirtualAccount, null, "JPY", "'JPY' is not a known currency: a virtual account is offered with USD, EUR, MXN, BRL")]
    [InlineData(Product.VirtualAccount, "virtual-usd-visa", "USD", "a virtual account has a currency, not a card type")]
    public void Request_InvalidChoice_IsRefused(Product product, string? cardType, string? currency, string problem)
    {
        var refused = Assert.Throws<DomainRuleException>(() =>
            AccessRequest.Request(A.Partner, Now, A.Active(), new ProductChoice(product, cardType, currency), []));

        Assert.Equal($"Request access refused: {problem}.", refused.Message);
    }

    [Fact]
    public void Grant_ReadyCard_IsGrantedWithTheEvidence()
    {
        var customer = A.Active();
        var request = A.CardRequest(customer);
        request.TakeNewAuditEntries();

        request.Grant(A.Approver, Now, customer, A.Policy);

        Assert.Equal(AccessRequestStatus.Granted, request.Status);
        var entry = Assert.Single(request.TakeNewAuditEntries());
        Assert.Equal("access_granted", entry.Action);
        Assert.Contains("Passport, accepted", entry.Details);
    }

    [Fact]
    public void Grant_CustomerLeftActive_IsRefused()
    {
        var customer = A.Active();
        var request = A.CardRequest(customer);
        customer.PutOnHold(A.Reviewer, Now, "Chargeback investigation", null);

        var refused = Assert.Throws<DomainRuleException>(() => request.Grant(A.Approver, Now, customer, A.Policy));

        Assert.Equal("Grant is unavailable: the customer is on hold, and access is granted only to active customers.", refused.Message);
        Assert.Equal(AccessRequestStatus.Requested, request.Status);
    }

    [Fact]
    public void Grant_VirtualAccountAtBasicLevel_IsRefusedNamingTheLevel()
    {
        var customer = A.Active();
        var request = AccessRequest.Request(A.Partner, Now, customer, EuroAccount, []).Created!;

        var why = request.WhyNotGrant(A.Approver, customer, A.Policy, Now);

        Assert.Equal("Grant is unavailable: verification level advanced is not met: the customer is verified at level basic, and advanced is needed.", why);
    }

    [Fact]
    public void Grant_VirtualAccountWithoutQuestionnaire_IsRefused()
    {
        var customer = A.Active(VerificationLevel.Advanced);
        var request = AccessRequest.Request(A.Partner, Now, customer, EuroAccount, []).Created!;

        Assert.Contains("source-of-funds questionnaire is not met",
            Assert.Throws<DomainRuleException>(() => request.Grant(A.Approver, Now, customer, A.Policy)).Message);

        customer.AnswerSourceOfFunds(A.Partner, Now, A.Questionnaire(), A.Policy);
        request.Grant(A.Approver, Now, customer, A.Policy);
        Assert.Equal(AccessRequestStatus.Granted, request.Status);
    }

    [Fact]
    public void Grant_ByAReviewer_IsRefused()
    {
        var customer = A.Active();
        var request = A.CardRequest(customer);

        Assert.Equal("Grant is unavailable: only a product approver can do this.",
            Assert.Throws<DomainRuleException>(() => request.Grant(A.Reviewer, Now, customer, A.Policy)).Message);
    }

    [Fact]
    public void Grant_AlreadyDecided_IsRefusedNamingWhoDecided()
    {
        var customer = A.Active();
        var request = A.CardRequest(customer);
        request.Grant(A.Approver, Now, customer, A.Policy);

        var refused = Assert.Throws<DomainRuleException>(() => request.Grant(A.Approver, Now, customer, A.Policy));

        Assert.Equal("Grant is unavailable: the request was already granted on 2026-11-02 by Pablo Approver.", refused.Message);
    }

    [Fact]
    public void Reject_WithoutReason_IsRefused()
    {
        var request = A.CardRequest(A.Active());

        Assert.Equal("Reject needs at least one reason code.",
            Assert.Throws<DomainRuleException>(() => request.Reject(A.Approver, Now, [], null, null)).Message);
    }

    [Fact]
    public void Reject_UsesTheCodesMessageWhenNoneGiven()
    {
        var request = A.CardRequest(A.Active());

        request.Reject(A.Approver, Now, ["questionnaire_incomplete"], null, "No answer on expected volumes.");

        Assert.Equal(AccessRequestStatus.Rejected, request.Status);
        Assert.Equal("The compliance questionnaire for this product is not complete.", request.CustomerMessage);
    }

    [Fact]
    public void Revoke_Granted_IsRevokedWithReasonAndMessage()
    {
        var customer = A.Active();
        var request = A.CardRequest(customer);
        request.Grant(A.Approver, Now, customer, A.Policy);

        request.Revoke(A.Approver, Now.AddDays(10), ["suspected_fraud"], "Your card has been cancelled.", "Card testing pattern seen.");

        Assert.Equal(AccessRequestStatus.Revoked, request.Status);
        Assert.Equal(["suspected_fraud"], request.ReasonCodes);
    }

    [Fact]
    public void Revoke_NotGranted_IsRefused()
    {
        var request = A.CardRequest(A.Active());

        Assert.Equal("Revoke is unavailable: the request is requested, not granted.",
            Assert.Throws<DomainRuleException>(() => request.Revoke(A.Approver, Now, ["risk_policy"], "Cancelled.", null)).Message);
    }

    [Fact]
    public void CustomerLeavingActive_DoesNotRevokeGrantedAccess()
    {
        var customer = A.Active();
        var request = A.CardRequest(customer);
        request.Grant(A.Approver, Now, customer, A.Policy);

        customer.RequestInformation(A.Reviewer, Now.AddDays(1), [new(RequirementCode.IdentityDocument, "Renewed passport.")], "Please send your renewed passport.");

        Assert.Equal(AccessRequestStatus.Granted, request.Status);
    }
}
