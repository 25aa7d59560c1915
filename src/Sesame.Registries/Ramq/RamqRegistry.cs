using System.Globalization;

namespace Sesame.Registries;

/// <summary>Seed 001's section 2, card choice: the NAM, names, date of birth and the card's reference number.</summary>
public sealed record CardVerification(string Nam, string GivenName, string FamilyName, DateOnly BirthDate, string ReferenceNumber)
{
    public override string ToString() => nameof(CardVerification);
}

/// <summary>Seed 002's RAMQ route: the NAM, the card's sequential number and expiry, and the mailed activation key.</summary>
public sealed record ActivationKeyVerification(string Nam, string SequentialNumber, int ExpiryYear, int ExpiryMonth, string ActivationKey)
{
    public override string ToString() => nameof(ActivationKeyVerification);
}

public enum LetterKind
{
    /// <summary>Carries Sesame's postal identification secret (seed 001).</summary>
    PostalSecret,

    /// <summary>RAMQ makes and mails its own 4-digit activation key (seed 002); Sesame never learns it.</summary>
    ActivationKey,
}

/// <summary>A letter to the address RAMQ holds for the person it finds by NAM, names and date of birth.</summary>
public sealed record LetterRequest(LetterKind Kind, string Nam, string GivenName, string FamilyName, DateOnly BirthDate, string? Secret)
{
    public override string ToString() => $"{nameof(LetterRequest)} ({Kind})";
}

/// <summary>The RAMQ, as docs/registries.md describes it.</summary>
public interface IRamqRegistry
{
    Task<RegistryResult> VerifyCardAsync(CardVerification verification, CancellationToken cancellationToken);

    Task<RegistryResult> VerifyActivationKeyAsync(ActivationKeyVerification verification, CancellationToken cancellationToken);

    Task<RegistryResult> MailLetterAsync(LetterRequest letter, CancellationToken cancellationToken);
}

internal sealed class RamqRegistry(RegistryClient client) : IRamqRegistry
{
    public const string Name = "Ramq";

    public Task<RegistryResult> VerifyCardAsync(CardVerification verification, CancellationToken cancellationToken) =>
        client.PostAsync(Name, "card-verification", "ramq/v1/card-verifications", new WireCardVerification(
            verification.Nam, verification.GivenName, verification.FamilyName, Date(verification.BirthDate), verification.ReferenceNumber),
            idempotencyKey: null, cancellationToken);

    public Task<RegistryResult> VerifyActivationKeyAsync(ActivationKeyVerification verification, CancellationToken cancellationToken) =>
        client.PostAsync(Name, "activation-key-verification", "ramq/v1/activation-key-verifications", new WireActivationKeyVerification(
            verification.Nam,
            verification.SequentialNumber,
            string.Create(CultureInfo.InvariantCulture, $"{verification.ExpiryYear:0000}-{verification.ExpiryMonth:00}"),
            verification.ActivationKey), idempotencyKey: null, cancellationToken);

    public Task<RegistryResult> MailLetterAsync(LetterRequest letter, CancellationToken cancellationToken) =>
        client.PostAsync(Name, "letter", "ramq/v1/letters", new WireLetter(
            letter.Kind == LetterKind.PostalSecret ? "postal-secret" : "activation-key",
            letter.Nam, letter.GivenName, letter.FamilyName, Date(letter.BirthDate), letter.Secret),
            idempotencyKey: Guid.NewGuid().ToString(), cancellationToken);

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed record WireCardVerification(string Nam, string GivenName, string FamilyName, string BirthDate, string ReferenceNumber);

    private sealed record WireActivationKeyVerification(string Nam, string SequentialNumber, string Expiry, string ActivationKey);

    private sealed record WireLetter(string Kind, string Nam, string GivenName, string FamilyName, string BirthDate, string? Secret);
}
