namespace Onboarding.Ops.Domain;

/// <summary>A broken rule: a forbidden transition or missing required data. The message is for people.</summary>
public sealed class DomainRuleException(string message) : Exception(message);
