using Bunit;
using Onboarding.Ops.Domain.FourEyes;
using Onboarding.Ops.Web.Components.Decisions;

namespace Onboarding.Ops.Web.Tests;

/// <summary>The staged-decision card as its maker and as a checker see it, and the notice in a decision's dialog.</summary>
public sealed class SecondReviewComponentTests : OpsComponentTest
{
    private static readonly StagedDecision Staged = new()
    {
        Action = StagedAction.Reject, Final = true, Rule = SecondReviewRule.FinalRejection, ReasonCodes = ["suspected_fraud"],
        CustomerMessage = "We cannot offer you an account.", Note = "Forged bill.", StagedById = "staff-1", StagedBy = "Rui Reviewer",
        StagedAt = A.T0,
    };

    [Fact]
    public void ACheckerSees_WhatWasStaged_AndMayConfirmOrSendBack()
    {
        var confirmed = 0;
        var card = Context.Render<StagedDecisionCard>(p => p.Add(c => c.Staged, Staged).Add(c => c.CanConfirm, true).Add(c => c.CanSendBack, true)
            .Add(c => c.OnConfirm, () => confirmed++));

        Assert.Contains("final rejection staged by Rui Reviewer", card.Markup);
        Assert.Contains("a final rejection of a customer", card.Markup);
        Assert.Equal("Reasons: suspected_fraud", card.Find("[data-testid=staged-reasons]").TextContent.Trim());
        Assert.Contains("We cannot offer you an account.", card.Markup);
        Assert.Equal("Send back", card.Find("[data-testid=send-back-staged]").TextContent.Trim());
        card.Find("[data-testid=confirm-staged]").Click();
        Assert.Equal(1, confirmed);
    }

    [Fact]
    public void ItsMakerSees_WhyNotConfirm_AndMayOnlyWithdraw()
    {
        var card = Context.Render<StagedDecisionCard>(p => p.Add(c => c.Staged, Staged).Add(c => c.CanSendBack, true).Add(c => c.Mine, true)
            .Add(c => c.WhyNotConfirm, "Confirm the staged decision is unavailable: you staged this final rejection; another reviewer must confirm it."));

        Assert.Empty(card.FindAll("[data-testid=confirm-staged]"));
        Assert.Equal("Withdraw", card.Find("[data-testid=send-back-staged]").TextContent.Trim());
        Assert.Equal("You staged this final rejection; another reviewer must confirm it.", card.Find("[data-testid=why-not-confirm]").TextContent.Trim());
    }

    [Fact]
    public void SupportWithoutAnyMove_SeesTheDecisionOnly()
    {
        var card = Context.Render<StagedDecisionCard>(p => p.Add(c => c.Staged, Staged));

        Assert.Empty(card.FindAll("button"));
        Assert.Contains("Awaiting second review", card.Markup);
    }

    [Fact]
    public void TheNotice_SaysWhichRuleStagesTheDecision_OrNothing()
    {
        var notice = Context.Render<SecondReviewNotice>(p => p.Add(n => n.Rule, SecondReviewRule.ApprovalWithClearedCheck));
        var none = Context.Render<SecondReviewNotice>(p => p.Add(n => n.Rule, null));

        Assert.Contains("approving a customer whose failed automated check was cleared needs a second reviewer", notice.Markup);
        Assert.Equal("", none.Markup.Trim());
    }
}
