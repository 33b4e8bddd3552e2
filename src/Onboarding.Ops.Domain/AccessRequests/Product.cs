namespace Onboarding.Ops.Domain.AccessRequests;

public enum Product
{
    Cards,
    VirtualAccount,
}

public sealed record CardType(string Id, string Description);

/// <summary>The products partners can request, with the variants of each (card types, account currencies).</summary>
public static class Products
{
    public static readonly IReadOnlyList<CardType> CardTypes =
    [
        new("virtual-usd-visa", "virtual USD Visa"),
        new("virtual-eur-visa", "virtual EUR Visa"),
        new("physical-usd-visa", "physical USD Visa"),
        new("physical-eur-mastercard", "physical EUR Mastercard"),
        new("physical-mxn-mastercard", "physical MXN Mastercard"),
    ];

    public static readonly IReadOnlyList<string> Currencies = ["USD", "EUR", "MXN", "BRL"];

    public static string Wire(Product product) => product == Product.Cards ? "cards" : "virtual-account";
}

/// <summary>A product and its variant: a card type for cards, a currency for a virtual account.</summary>
public sealed record ProductChoice(Product Product, string? CardType = null, string? Currency = null)
{
    /// <summary>Null when the choice is complete and known; otherwise what is wrong with it.</summary>
    public string? Problem() => Product switch
    {
        Product.Cards when CardType is null => "card access needs a card type",
        Product.Cards when Products.CardTypes.All(c => c.Id != CardType) => $"'{CardType}' is not a known card type",
        Product.Cards when Currency is not null => "card access has a card type, not a currency",
        Product.VirtualAccount when Currency is null => "a virtual account needs a currency",
        Product.VirtualAccount when !Products.Currencies.Contains(Currency) => $"virtual accounts are offered in {string.Join(", ", Products.Currencies)}, not {Currency}",
        Product.VirtualAccount when CardType is not null => "a virtual account has a currency, not a card type",
        _ => null,
    };

    public string Describe() => Product == Product.Cards
        ? $"card access ({Products.CardTypes.FirstOrDefault(c => c.Id == CardType)?.Description ?? CardType})"
        : $"virtual account ({Currency})";
}
