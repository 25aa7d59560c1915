namespace Sesame.Registries.Simulator;

/// <summary>A notice of assessment Revenu Québec issued for a tax year (identifiers.md: <c>^[QM][A-Z0-9]{10}$</c>).</summary>
public sealed record Notice(string Number, int TaxYear);

/// <summary>
/// The person's current health insurance card (identifiers.md): a 2-digit sequential number, the day it was issued,
/// the last day it is valid (it expires at the end of the printed month), and a 9-digit reference number only when
/// it was issued since January 2018 (seed 001).
/// </summary>
public sealed record HealthCard(string SequentialNumber, DateOnly IssuedOn, DateOnly Expiry, string? ReferenceNumber)
{
    /// <summary>Cards issued from this day on carry a reference number on the back (seed 001).</summary>
    public static readonly DateOnly FirstDayWithReferenceNumber = new(2018, 1, 1);
}

/// <summary>
/// One synthetic person as the three registries know them. Nobody real: names drawn at random, 0-prefixed NAS that
/// belong to nobody (identifiers.md), identifiers computed with Sesame.Core's own arithmetic. <see cref="Address"/>
/// is only ever printed on letters, never sent back to a caller (docs/registries.md).
/// </summary>
public sealed record SyntheticPerson(
    string GivenNames,
    string FamilyName,
    DateOnly BirthDate,
    bool Female,
    string Nam,
    string Nas,
    IReadOnlyList<Notice> Notices,
    HealthCard Card,
    string? LicenceReference,
    string Address)
{
    /// <summary>The name a letter is addressed to: given names then family name, as on the card.</summary>
    public string FullName => $"{GivenNames} {FamilyName}";
}
