using Onboarding.Ops.Web.Features.Customers;

namespace Onboarding.Ops.Web.Tests;

public sealed class CustomerActivityTests
{
    private static readonly Guid Customer = Guid.NewGuid();

    [Fact]
    public void Watch_TwoViewers_EachSeesTheOther()
    {
        var activity = new CustomerActivity(AppInstance.New(), new NoActivityBus());
        var roseHeard = 0;

        using var rose = activity.Watch(Customer, "r-2", "Rosa Revisora", _ => roseHeard++);
        using var rui = activity.Watch(Customer, "r-1", "Rui Reviewer", _ => { });

        Assert.Equal(["Rui Reviewer"], activity.OthersViewing(Customer, "r-2"));
        Assert.Equal(["Rosa Revisora"], activity.OthersViewing(Customer, "r-1"));
        Assert.Equal(1, roseHeard);
    }

    [Fact]
    public void Leave_RemovesTheViewerAndTellsTheOthers()
    {
        var activity = new CustomerActivity(AppInstance.New(), new NoActivityBus());
        var heard = 0;
        using var rose = activity.Watch(Customer, "r-2", "Rosa Revisora", _ => heard++);

        activity.Watch(Customer, "r-1", "Rui Reviewer", _ => { }).Dispose();

        Assert.Empty(activity.OthersViewing(Customer, "r-2"));
        Assert.Equal(2, heard);
    }

    [Fact]
    public void Changed_TellsTheOtherViewersWhoChangedIt_NotTheOneWhoDid()
    {
        var activity = new CustomerActivity(AppInstance.New(), new NoActivityBus());
        CustomerActivity.Change? roseSaw = null;
        CustomerActivity.Change? ruiSaw = null;
        using var rose = activity.Watch(Customer, "r-2", "Rosa Revisora", c => roseSaw = c ?? roseSaw);
        using var rui = activity.Watch(Customer, "r-1", "Rui Reviewer", c => ruiSaw = c ?? ruiSaw);
        var at = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

        activity.Changed(Customer, "r-1", "Rui Reviewer", at);

        Assert.Equal(new CustomerActivity.Change("Rui Reviewer", at), roseSaw);
        Assert.Null(ruiSaw);
    }
}
