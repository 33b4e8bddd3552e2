using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Features.Customers;

/// <summary>The kinds of personal data a role may see or not (README › Roles).</summary>
public enum PersonalField
{
    /// <summary>Email and phone.</summary>
    Contact,
    /// <summary>National id, a company's registration number.</summary>
    Identifier,
    /// <summary>Day and month of birth (the year is <see cref="BirthYear"/>).</summary>
    BirthDate,
    BirthYear,
    /// <summary>Street lines and postal code.</summary>
    StreetAddress,
    /// <summary>City, region, country, nationality, country of incorporation.</summary>
    Locality,
    /// <summary>The documents themselves: list, images, checks and the history built on them.</summary>
    Documents,
}

/// <summary>
/// What one member of staff may not see of one customer, applied on the server before anything is rendered: every
/// masked value of the customer (and of the customers compared with it) is replaced in any text shown, and the fields
/// of a change list are masked by name, so a value the mask hides is never sent to the browser.
/// </summary>
public sealed class PersonalDataMask
{
    public const string Dots = "••••••";

    /// <summary>Sees everything (reviewers, admins, compliance).</summary>
    public static readonly PersonalDataMask Nothing = new(new HashSet<PersonalField>(), []);

    /// <summary>What a component shows when no mask was given: nothing personal (fail closed, never open).</summary>
    public static readonly PersonalDataMask Withheld = new(Enum.GetValues<PersonalField>().ToHashSet(), [], withholdAll: true);

    private readonly IReadOnlyList<(Regex Value, string Mask)> scrubs;
    private readonly bool withholdAll;

    private PersonalDataMask(IReadOnlySet<PersonalField> hidden, IReadOnlyList<(Regex, string)> scrubs, bool withholdAll = false) =>
        (Hidden, this.scrubs, this.withholdAll) = (hidden, scrubs, withholdAll);

    public IReadOnlySet<PersonalField> Hidden { get; }

    public bool Hides(PersonalField field) => Hidden.Contains(field);

    /// <summary>The text with every hidden value of the customer replaced by its mask.</summary>
    [return: NotNullIfNotNull(nameof(text))]
    public string? Scrub(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }
        if (withholdAll)
        {
            return Dots;
        }
        foreach (var (value, mask) in scrubs)
        {
            text = value.Replace(text, mask);
        }
        return text;
    }

    /// <summary>A value of a change list (old → new), masked by the name of its field when that field is hidden.</summary>
    public string? ShowField(string field, string? value) => value is null ? null : FieldOf(field) switch
    {
        PersonalField.BirthDate when !Hides(PersonalField.BirthYear) && Hides(PersonalField.BirthDate) && value.Length >= 4 => value[..4] + "-••-••",
        { } kind when Hides(kind) => Dots,
        _ => Scrub(value),
    };

    /// <summary>
    /// An audit entry's details with the hidden data masked: change lists by their fields' names (an old value may no
    /// longer be the customer's), "Requirement: value" evidence by its requirement, any other text by value.
    /// </summary>
    [return: NotNullIfNotNull(nameof(json))]
    public string? ScrubJson(string? json)
    {
        if (string.IsNullOrEmpty(json) || (Hidden.Count == 0 && !withholdAll))
        {
            return json;
        }
        var node = JsonNode.Parse(json);
        return node is null ? json : Scrubbed(node)!.ToJsonString(new JsonSerializerOptions
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
    }

    private JsonNode? Scrubbed(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject change when change["field"] is JsonValue name && name.TryGetValue<string>(out var field):
                foreach (var side in new[] { "old", "new" })
                {
                    if (change[side] is JsonValue value && value.TryGetValue<string>(out var text))
                    {
                        change[side] = withholdAll ? Dots : ShowField(field, text);
                    }
                }
                return change;
            case JsonObject entry:
                foreach (var property in entry.ToList())
                {
                    entry[property.Key] = Scrubbed(property.Value?.DeepClone());
                }
                return entry;
            case JsonArray items:
                return new JsonArray([.. items.Select(i => Scrubbed(i?.DeepClone()))]);
            case JsonValue value when value.TryGetValue<string>(out var text):
                return JsonValue.Create(ScrubEvidence(text));
            default:
                return node;
        }
    }

    /// <summary>"National ID: X" (an approval's evidence, perhaps of data since changed) masked by its requirement's name.</summary>
    private string ScrubEvidence(string text)
    {
        var colon = text.IndexOf(": ", StringComparison.Ordinal);
        var field = colon < 0 ? null : text[..colon] switch
        {
            "National ID" or "Registration number" => "nationalId",
            "Birth date" => "birthDate",
            "Residential address" or "Registered address" => "address",
            "Email" => "email",
            "Phone" => "phone",
            "Nationality" or "Country of incorporation" => "nationality",
            _ => null,
        };
        return field is null ? Scrub(text) : text[..(colon + 2)] + ShowField(field, text[(colon + 2)..]);
    }

    private static PersonalField? FieldOf(string field) => field switch
    {
        "email" or "phone" => PersonalField.Contact,
        "nationalId" or "registrationNumber" => PersonalField.Identifier,
        "birthDate" => PersonalField.BirthDate,
        // A whole address in one value: its street is in it.
        "address" => PersonalField.StreetAddress,
        "nationality" or "countryOfIncorporation" => PersonalField.Locality,
        _ => null,
    };

    /// <summary>
    /// The fields hidden from this member of staff: a field is shown when any of their roles may see it. Support sees
    /// names, contact data and statuses; product approvers what a product decision needs and nothing else personal.
    /// </summary>
    public static IReadOnlySet<PersonalField> HiddenFrom(ClaimsPrincipal user)
    {
        HashSet<PersonalField> everything = [.. Enum.GetValues<PersonalField>()];
        var hidden = everything;
        foreach (var role in StaffRoles.All.Where(user.IsInRole))
        {
            hidden.IntersectWith(HiddenFrom(role));
        }
        return hidden;
    }

    public static IReadOnlySet<PersonalField> HiddenFrom(string role) => role switch
    {
        StaffRoles.Admin or StaffRoles.Reviewer or StaffRoles.Compliance => new HashSet<PersonalField>(),
        StaffRoles.Support => new HashSet<PersonalField> { PersonalField.Identifier, PersonalField.BirthDate, PersonalField.StreetAddress },
        _ => Enum.GetValues<PersonalField>().ToHashSet(),
    };

    /// <summary>The mask of these fields for these customers (the one shown and those compared with it).</summary>
    public static PersonalDataMask For(IReadOnlySet<PersonalField> hidden, IEnumerable<Customer> customers)
    {
        if (hidden.Count == 0)
        {
            return Nothing;
        }
        var values = new List<(PersonalField Field, string Value, string Mask)>();
        void Add(PersonalField field, string? value, string? mask = null)
        {
            if (hidden.Contains(field) && !string.IsNullOrWhiteSpace(value))
            {
                values.Add((field, value.Trim(), mask ?? (field == PersonalField.Identifier && value.Trim().Length > 6 ? "••••" + value.Trim()[^2..] : Dots)));
            }
        }
        void AddAddress(Address? address)
        {
            if (address is null)
            {
                return;
            }
            Add(PersonalField.StreetAddress, address.Line1);
            Add(PersonalField.StreetAddress, address.Line2);
            Add(PersonalField.StreetAddress, address.PostalCode);
            Add(PersonalField.Locality, address.City);
            Add(PersonalField.Locality, address.State);
            Add(PersonalField.Locality, address.CountryCode);
        }
        void AddPerson(PersonData? person)
        {
            if (person is null)
            {
                return;
            }
            Add(PersonalField.Identifier, person.NationalId);
            Add(PersonalField.Contact, person.Email);
            Add(PersonalField.Contact, person.Phone);
            Add(PersonalField.Locality, person.Nationality);
            AddAddress(person.Address);
            if (person.BirthDate is { } born)
            {
                var day = born.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                Add(hidden.Contains(PersonalField.BirthYear) ? PersonalField.BirthYear : PersonalField.BirthDate, day,
                    hidden.Contains(PersonalField.BirthYear) ? Dots : $"{born.Year}-••-••");
            }
        }
        void AddCompany(CompanyData? company)
        {
            if (company is null)
            {
                return;
            }
            Add(PersonalField.Identifier, company.RegistrationNumber);
            Add(PersonalField.Contact, company.Email);
            Add(PersonalField.Contact, company.Phone);
            Add(PersonalField.Locality, company.CountryOfIncorporation);
            AddAddress(company.RegisteredAddress);
            foreach (var owner in company.Owners)
            {
                AddPerson(owner.Person);
            }
        }
        foreach (var customer in customers)
        {
            AddPerson(customer.Person);
            AddPerson(customer.Proposed?.Person);
            AddCompany(customer.Company);
            AddCompany(customer.Proposed?.Company);
            Add(PersonalField.Contact, customer.Email);
            Add(PersonalField.Identifier, customer.NationalId);
        }
        // Longest first, so a value inside another (a postal code in a street line) is masked with the whole.
        return new PersonalDataMask(hidden, [.. values.DistinctBy(v => v.Value).OrderByDescending(v => v.Value.Length)
            .Select(v => (new Regex($@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(v.Value)}(?![\p{{L}}\p{{N}}])",
                v.Field == PersonalField.Contact ? RegexOptions.IgnoreCase : RegexOptions.None), v.Mask))]);
    }
}
