using Onboarding.Ops.Testing;
using Onboarding.Ops.Web.Features.Customers;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Tests;

/// <summary>Saved views of the customer queue: one's own or shared, each with its count, kept apart per owner.</summary>
public sealed class SavedViewsTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly OpsAppFactory app = fixture.App;

    private Task<T> As<T>(string email, Func<SavedViews, Task<T>> action) => app.RunAsAsync(email, action);

    private static readonly QueueFilter Businesses = new() { View = QueueView.All, Type = Domain.Customers.CustomerType.Business };

    [Fact]
    public async Task Save_ThenList_ShowsTheViewWithTheCountOfWhatItLists()
    {
        var saved = await As(OpsAppFactory.Reviewer, v => v.SaveAsync("All businesses", Businesses with { Page = 3 }, shared: false));

        var views = await As(OpsAppFactory.Reviewer, v => v.ListAsync());
        var listed = await app.RunAsAsync<CustomerQueue, QueuePage>(OpsAppFactory.Reviewer, q => q.PageAsync(Businesses));

        Assert.True(saved.Succeeded, saved.Message);
        var view = Assert.Single(views, v => v.Id == saved.Id);
        Assert.Equal("customers?view=all&type=business", view.Href);
        Assert.Equal(listed.Total, view.Count.Count);
        Assert.True(listed.Total > 0);
        Assert.True(view.Mine);
    }

    [Theory]
    [InlineData("", "Give the view a name.")]
    [InlineData("   ", "Give the view a name.")]
    [InlineData("A name far too long to be a view's name, past the sixty characters allowed", "at most 60 characters")]
    public async Task Save_WithABadName_SaysWhy_AndSavesNothing(string name, string message)
    {
        var before = (await As(OpsAppFactory.Reviewer, v => v.ListAsync())).Count;

        var result = await As(OpsAppFactory.Reviewer, v => v.SaveAsync(name, Businesses, shared: false));

        Assert.False(result.Succeeded);
        Assert.Contains(message, result.Message);
        Assert.Equal(before, (await As(OpsAppFactory.Reviewer, v => v.ListAsync())).Count);
    }

    [Fact]
    public async Task Save_ANameTheOwnerAlreadyHas_IsRefused_ButAnotherPersonMayUseIt()
    {
        Assert.True((await As(OpsAppFactory.Reviewer, v => v.SaveAsync("Mine twice", Businesses, shared: false))).Succeeded);

        var again = await As(OpsAppFactory.Reviewer, v => v.SaveAsync("mine TWICE", new QueueFilter(), shared: false));
        var theirs = await As(OpsAppFactory.Admin, v => v.SaveAsync("Mine twice", new QueueFilter(), shared: false));

        Assert.False(again.Succeeded);
        Assert.Contains("You already have a view named", again.Message);
        Assert.True(theirs.Succeeded);
    }

    [Fact]
    public async Task SharedViews_AreTheTeams_PrivateOnesStayTheOwners()
    {
        var shared = await As(OpsAppFactory.Reviewer, v => v.SaveAsync("Team: businesses", Businesses, shared: true));
        var private_ = await As(OpsAppFactory.Reviewer, v => v.SaveAsync("Only me", Businesses, shared: false));

        var supportSees = await As(OpsAppFactory.Support, v => v.ListAsync());

        var team = Assert.Single(supportSees, v => v.Id == shared.Id);
        Assert.False(team.Mine);
        Assert.Equal("Rui Reviewer", team.OwnerName);
        Assert.DoesNotContain(supportSees, v => v.Id == private_.Id);
    }

    [Fact]
    public async Task Delete_ByAnotherReviewer_IsRefused_ByTheOwnerOrAnAdmin_Works()
    {
        var first = await As(OpsAppFactory.Reviewer, v => v.SaveAsync("To delete", Businesses, shared: true));
        var second = await As(OpsAppFactory.Reviewer, v => v.SaveAsync("Admin deletes", Businesses, shared: true));

        var bySupport = await As(OpsAppFactory.Support, v => v.DeleteAsync(first.Id!.Value));
        var byOwner = await As(OpsAppFactory.Reviewer, v => v.DeleteAsync(first.Id!.Value));
        var byAdmin = await As(OpsAppFactory.Admin, v => v.DeleteAsync(second.Id!.Value));

        Assert.False(bySupport.Succeeded);
        Assert.Contains("Only Rui Reviewer", bySupport.Message);
        Assert.True(byOwner.Succeeded);
        Assert.True(byAdmin.Succeeded);
        Assert.DoesNotContain(await As(OpsAppFactory.Reviewer, v => v.ListAsync()), v => v.Id == first.Id || v.Id == second.Id);
    }

    [Fact]
    public async Task SavedViews_AsAProductApprover_AreRefusedOnTheServer()
    {
        await Assert.ThrowsAsync<StaffForbiddenException>(() => As(OpsAppFactory.ProductApprover, v => v.ListAsync()));
        await Assert.ThrowsAsync<StaffForbiddenException>(() => As(OpsAppFactory.ProductApprover, v => v.SaveAsync("x", Businesses, false)));
    }
}
