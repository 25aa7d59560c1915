using System.Globalization;
using Sesame.Core.Identity.Identifiers;

namespace Sesame.Registries.Simulator.Tests.Support;

/// <summary>The contract paths (docs/registries.md, relative to the mount prefix) and request bodies built from a person.</summary>
public static class Requests
{
    public const string NoticeVerifications = "revenu-quebec/v1/notice-verifications";
    public const string Card = "ramq/v1/card-verifications";
    public const string ActivationKey = "ramq/v1/activation-key-verifications";
    public const string Letters = "ramq/v1/letters";
    public const string Licence = "saaq/v1/licence-verifications";

    /// <summary>The credential each contract path needs.</summary>
    public static string KeyFor(string path) => path switch
    {
        NoticeVerifications => SimulatorHost.RevenuQuebecKey,
        Card or ActivationKey or Letters => SimulatorHost.RamqKey,
        Licence => SimulatorHost.SaaqKey,
        _ => throw new ArgumentOutOfRangeException(nameof(path), path, null),
    };

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static object NoticeOf(SyntheticPerson person, string noticeNumber, int taxYearFrom, int taxYearTo, string? givenName = null, string? familyName = null) => new
    {
        sin = person.Nas,
        givenName = givenName ?? person.GivenNames,
        familyName = familyName ?? person.FamilyName,
        birthDate = Date(person.BirthDate),
        noticeNumber,
        taxYearFrom,
        taxYearTo,
    };

    public static object CardOf(SyntheticPerson person, string referenceNumber, string? givenName = null, string? familyName = null) => new
    {
        nam = person.Nam,
        givenName = givenName ?? person.GivenNames,
        familyName = familyName ?? person.FamilyName,
        birthDate = Date(person.BirthDate),
        referenceNumber,
    };

    public static object LicenceOf(SyntheticPerson person, string referenceNumber, string? givenName = null, string? familyName = null) => new
    {
        referenceNumber,
        givenName = givenName ?? person.GivenNames,
        familyName = familyName ?? person.FamilyName,
        birthDate = Date(person.BirthDate),
    };

    public static object PostalSecretLetterOf(SyntheticPerson person, string secret) => new
    {
        kind = "postal-secret",
        nam = person.Nam,
        givenName = person.GivenNames,
        familyName = person.FamilyName,
        birthDate = Date(person.BirthDate),
        secret,
    };

    public static object ActivationKeyLetterOf(SyntheticPerson person) => new
    {
        kind = "activation-key",
        nam = person.Nam,
        givenName = person.GivenNames,
        familyName = person.FamilyName,
        birthDate = Date(person.BirthDate),
    };

    public static object ActivationKeyOf(SyntheticPerson person, string activationKey, string? sequentialNumber = null, string? expiry = null) => new
    {
        nam = person.Nam,
        sequentialNumber = sequentialNumber ?? person.Card.SequentialNumber,
        expiry = expiry ?? HealthCardNumbers.FormatExpiry(person.Card.Expiry),
        activationKey,
    };

    /// <summary>A postal secret as Sesame sends it (identifiers.md: Crockford base32, XXXXX-XXXXX), new on every call.</summary>
    public static string NewSecret() => PostalSecret.Display(PostalSecret.Generate());
}

/// <summary>The demo people (identifiers.md's synthetic people) as the fake clock's year sees them.</summary>
public static class Demo
{
    public static SyntheticPerson Marie => Find("TREM85531419");

    public static SyntheticPerson Luc => Find("GAGL72110216");

    public static SyntheticPerson Anne => Find("LIXA03570913");

    public static SyntheticPerson Jean => Find("DAMJ90013116");

    public static SyntheticPerson Zoe => Find("ROYZ12522910");

    private static SyntheticPerson Find(string nam) => DemoPeople.All(SimulatorHost.Year).Single(p => p.Nam == nam);
}
