using System.Globalization;

namespace Sesame.Registries;

/// <summary>
/// Seed 001's section 1 (and seed 002's Revenu Québec route): exactly what the person agreed to send Revenu
/// Québec — names, date of birth, social insurance number and notice number — and the accepted tax years.
/// </summary>
public sealed record NoticeVerification(
    string Sin, string GivenName, string FamilyName, DateOnly BirthDate, string NoticeNumber, int TaxYearFrom, int TaxYearTo)
{
    public override string ToString() => $"{nameof(NoticeVerification)} (tax years {TaxYearFrom}-{TaxYearTo})";
}

/// <summary>Revenu Québec, as docs/registries.md describes it.</summary>
public interface IRevenuQuebecRegistry
{
    Task<RegistryResult> VerifyNoticeAsync(NoticeVerification verification, CancellationToken cancellationToken);
}

internal sealed class RevenuQuebecRegistry(RegistryClient client) : IRevenuQuebecRegistry
{
    public const string Name = "RevenuQuebec";

    public Task<RegistryResult> VerifyNoticeAsync(NoticeVerification verification, CancellationToken cancellationToken) =>
        client.PostAsync(Name, "notice-verification", "revenu-quebec/v1/notice-verifications", new WireNoticeVerification(
            verification.Sin,
            verification.GivenName,
            verification.FamilyName,
            verification.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            verification.NoticeNumber,
            verification.TaxYearFrom,
            verification.TaxYearTo), idempotencyKey: null, cancellationToken);

    private sealed record WireNoticeVerification(
        string Sin, string GivenName, string FamilyName, string BirthDate, string NoticeNumber, int TaxYearFrom, int TaxYearTo);
}
