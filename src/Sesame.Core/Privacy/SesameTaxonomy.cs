using Microsoft.Extensions.Compliance.Classification;

namespace Sesame.Core.Privacy;

/// <summary>
/// Sesame's data classification taxonomy (Microsoft.Extensions.Compliance). Every value that concerns a person
/// is classified where it is logged, so that the logging pipeline's redactors decide what leaves the process:
/// personal information is information about a natural person that allows identifying them, directly or
/// indirectly (Québec's Act respecting access to documents held by public bodies and the protection of
/// personal information, CQLR c., s. 54), and it never reaches logs in clear (quality.md).
/// </summary>
public static class SesameTaxonomy
{
    public const string Name = "Sesame";

    /// <summary>
    /// Identifies a person directly: e-mail addresses, usernames, names, birth dates, postal addresses. Never
    /// written to logs, not even hashed (erased).
    /// </summary>
    public static DataClassification PersonalData { get; } = new(Name, nameof(PersonalData));

    /// <summary>
    /// Personal information that calls for a high expectation of privacy (CQLR c., s. 59, para. 2): the
    /// health insurance number (NAM), the social insurance number (NAS), a driver's licence number, what a
    /// registry was asked. Erased.
    /// </summary>
    public static DataClassification SensitiveData { get; } = new(Name, nameof(SensitiveData));

    /// <summary>
    /// Identifies a person only once linked with other data: account ids, IP addresses, identification codes
    /// (<c>sub</c>), the ids of messages sent to a person. Still personal information (s. 54: "indirectly"), so
    /// logs carry only a keyed hash of it: the same value gives the same hash, which lets an operator follow one
    /// account through the logs without the logs naming it.
    /// </summary>
    public static DataClassification PseudonymousData { get; } = new(Name, nameof(PseudonymousData));

    /// <summary>Passwords, security codes, tokens and keys: not personal information, but never logged either. Erased.</summary>
    public static DataClassification Secret { get; } = new(Name, nameof(Secret));
}

/// <summary>Classifies a value as <see cref="SesameTaxonomy.PersonalData"/>.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.ReturnValue)]
public sealed class PersonalDataAttribute() : DataClassificationAttribute(SesameTaxonomy.PersonalData);

/// <summary>Classifies a value as <see cref="SesameTaxonomy.SensitiveData"/>.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.ReturnValue)]
public sealed class SensitiveDataAttribute() : DataClassificationAttribute(SesameTaxonomy.SensitiveData);

/// <summary>Classifies a value as <see cref="SesameTaxonomy.PseudonymousData"/>.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.ReturnValue)]
public sealed class PseudonymousDataAttribute() : DataClassificationAttribute(SesameTaxonomy.PseudonymousData);

/// <summary>Classifies a value as <see cref="SesameTaxonomy.Secret"/>.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.ReturnValue)]
public sealed class SecretAttribute() : DataClassificationAttribute(SesameTaxonomy.Secret);
