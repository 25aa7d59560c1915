namespace Sesame.Core.Accounts;

/// <summary>
/// What a professional account keeps about its holder (seed 004): the title and names the representative
/// typed, encrypted (<see cref="Privacy.PersonalDataProtector"/> with <see cref="ProfessionalName.Purpose"/>),
/// and when the usage policy was accepted ("Dès la création de votre compte, la Régie garde une trace de chacun
/// des accès").
/// </summary>
public sealed class ProfessionalProfile
{
    public Guid UserId { get; set; }

    /// <summary>A <see cref="ProfessionalName"/>, encrypted.</summary>
    public byte[] Name { get; set; } = [];

    public DateTimeOffset UsagePolicyAcceptedAt { get; set; }

    /// <summary>
    /// The account was made by an operator from an access request (seed 003: "Nous transmettrons par courriel à
    /// l'utilisateur son mot de passe temporaire"): the first sign-in asks for a new password first.
    /// </summary>
    public bool MustChangePassword { get; set; }
}

/// <summary>"Titre de civilité" of seed 004's form.</summary>
public enum CivilityTitle
{
    Madame = 1,
    Monsieur = 2,
    Docteure = 3,
    Docteur = 4,
}

/// <summary>A professional's title and names, as one encrypted value.</summary>
public sealed record ProfessionalName(CivilityTitle Title, string GivenName, string FamilyName)
{
    public const string Purpose = "Sesame.ProfessionalName.v1";

    public const int MaximumLength = 100;
}
