namespace Onboarding.Ops.Domain.Partners;

/// <summary>An app that integrates the platform and owns customers. API keys and webhooks come with the partner API.</summary>
public sealed class Partner
{
    private Partner()
    {
    }

    public Partner(string id, string name)
    {
        if (string.IsNullOrWhiteSpace(id) || string.IsNullOrWhiteSpace(name))
        {
            throw new DomainRuleException("A partner needs an id and a name.");
        }
        Id = id.Trim();
        Name = name.Trim();
    }

    public string Id { get; private set; } = "";
    public string Name { get; private set; } = "";
}
