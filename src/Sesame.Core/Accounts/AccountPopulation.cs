namespace Sesame.Core.Accounts;

/// <summary>
/// Who an account is for, which decides its rules (mission.md §1 and §5): a citizen signs in with a username
/// of letters and digits, an e-mail address and an e-mailed code; a health-network professional signs in
/// with a username in the form of an e-mail address, a password of seed 004's rules and security questions
/// (docs/decisions/0014-professional-population.md).
/// </summary>
public enum AccountPopulation
{
    Citizen = 0,
    Professional = 1,
}
