using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.Requirements;
using static Onboarding.Ops.Domain.Requirements.RequirementCode;

namespace Onboarding.Ops.Domain.AccessRequests;

/// <summary>The key of a product type; everything else about it is data in <see cref="Products.All"/>.</summary>
public enum Product
{
    Cards,
    VirtualAccount,
}

/// <summary>What varies within a product: a card type, a currency, or nothing. <see cref="Field"/> is its name on the wire.</summary>
public sealed record VariantKind(string Field, string Noun)
{
    public static readonly VariantKind None = new("", "variant");
    public static readonly VariantKind CardType = new("cardType", "card type");
    public static readonly VariantKind Currency = new("currency", "currency");
}

/// <summary>One variant a product is offered in: a card type, or a currency (whose description is its code).</summary>
public sealed record ProductVariant(string Id, string Description);

/// <summary>Kept for the card types' list in the API and the screens.</summary>
public sealed record CardType(string Id, string Description);

/// <summary>
/// A product as data: its wire name, the words for it (<see cref="Subject"/> opens a sentence about it), what varies,
/// the variants offered, and its default requirements per customer type (domain.md), from which the requirement policy
/// is built. A new product is one more entry here and one more <see cref="Product"/> key.
/// </summary>
public sealed record ProductType(
    Product Product, string Wire, string Name, string Subject, VariantKind Variant, IReadOnlyList<ProductVariant> Variants,
    IReadOnlyDictionary<CustomerType, IReadOnlyList<RequirementCode>> Requirements);

/// <summary>The products partners can request, with the variants of each (card types, account currencies).</summary>
public static class Products
{
    public static readonly IReadOnlyList<ProductType> All =
    [
        new(Product.Cards, "cards", "card access", "card access", VariantKind.CardType,
        [
            new("virtual-usd-visa", "virtual USD Visa"),
            new("virtual-eur-visa", "virtual EUR Visa"),
            new("physical-usd-visa", "physical USD Visa"),
            new("physical-eur-mastercard", "physical EUR Mastercard"),
            new("physical-mxn-mastercard", "physical MXN Mastercard"),
        ], new Dictionary<CustomerType, IReadOnlyList<RequirementCode>>
        {
            [CustomerType.Individual] = [LevelBasic, IdentityDocument],
            [CustomerType.Business] = [LevelBasic, CertificateOfIncorporation],
        }),
        new(Product.VirtualAccount, "virtual-account", "virtual account", "a virtual account", VariantKind.Currency,
            [.. new[] { "USD", "EUR", "MXN", "BRL" }.Select(code => new ProductVariant(code, code))],
            new Dictionary<CustomerType, IReadOnlyList<RequirementCode>>
            {
                [CustomerType.Individual] = [LevelAdvanced, ProofOfAddress, RequirementCode.SourceOfFunds],
                [CustomerType.Business] = [LevelAdvanced, BusinessProofOfAddress, RequirementCode.SourceOfFunds],
            }),
    ];

    public static ProductType Of(Product product) => All.Single(t => t.Product == product);

    public static ProductType? FromWire(string? wire) => All.FirstOrDefault(t => t.Wire == wire);

    public static string Wire(Product product) => Of(product).Wire;

    public static IReadOnlyList<CardType> CardTypes { get; } =
        [.. All.Where(t => t.Variant == VariantKind.CardType).SelectMany(t => t.Variants).Select(v => new CardType(v.Id, v.Description))];

    public static IReadOnlyList<string> Currencies { get; } =
        [.. All.Where(t => t.Variant == VariantKind.Currency).SelectMany(t => t.Variants).Select(v => v.Id)];
}

/// <summary>A product and its variant: a card type for cards, a currency for a virtual account, nothing for a product without one.</summary>
public sealed record ProductChoice(Product Product, string? CardType = null, string? Currency = null)
{
    public ProductType Type => Products.Of(Product);

    /// <summary>The value given for a kind of variant.</summary>
    private string? ValueOf(VariantKind kind) =>
        kind == VariantKind.CardType ? CardType : kind == VariantKind.Currency ? Currency : null;

    /// <summary>Null when the choice is complete and known; otherwise what is wrong with it.</summary>
    public string? Problem()
    {
        var type = Type;
        var value = ValueOf(type.Variant);
        if (type.Variant != VariantKind.None && value is null)
        {
            return $"{type.Subject} needs a {type.Variant.Noun}";
        }
        if (value is not null && type.Variants.All(v => v.Id != value))
        {
            return $"'{value}' is not a known {type.Variant.Noun}: {type.Subject} is offered with {string.Join(", ", type.Variants.Select(v => v.Id))}";
        }
        var stray = new[] { VariantKind.CardType, VariantKind.Currency }.FirstOrDefault(k => k != type.Variant && ValueOf(k) is not null);
        return stray is null ? null
            : type.Variant == VariantKind.None ? $"{type.Subject} has no {stray.Noun}"
            : $"{type.Subject} has a {type.Variant.Noun}, not a {stray.Noun}";
    }

    public string Describe()
    {
        var type = Type;
        var value = ValueOf(type.Variant);
        return value is null ? type.Name : $"{type.Name} ({type.Variants.FirstOrDefault(v => v.Id == value)?.Description ?? value})";
    }
}
