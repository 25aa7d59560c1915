using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Sesame.Core.Accounts;
using Sesame.Core.Identity;
using Sesame.Core.Identity.Identifiers;

namespace Sesame.Server.Features.Proofing;

/// <summary>
/// "Saisir vos renseignements personnels" (seed 001): names as on the health insurance card, date of birth,
/// NAM and NAS, and the consent to let the ministry verify them. Every format is checked here, before anything
/// is sent anywhere (mission.md §2; identifiers.md). A NAM whose check digit or letters disagree is a reason
/// to re-read the card, not a refusal: the person confirms and goes on.
/// </summary>
public sealed class PersonalInformationModel(ProofingWorkflow workflow, UserManager<SesameUser> users, ProofingSettings settings, TimeProvider time)
    : ProofingPageModel(workflow, users)
{
    /// <summary>Identification online is for people 14 and over (seed 001, "Admissibilité").</summary>
    public const int MinimumAge = 14;

    [BindProperty]
    public PersonalInput Input { get; set; } = new();

    /// <summary>A NAM that looks wrong but may be right: the confirmation box is shown.</summary>
    public bool AskConfirmation { get; private set; }

    protected override ProofingStep Step => ProofingStep.PersonalInformation;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await EnterAsync(cancellationToken) is { } elsewhere)
        {
            return elsewhere;
        }

        if (Person is { } person)
        {
            Input = new PersonalInput
            {
                GivenName = person.GivenName,
                FamilyName = person.FamilyName,
                BirthDate = person.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Nam = HealthInsuranceNumber.Display(person.Nam),
                Nas = SocialInsuranceNumber.Display(person.Nas),
            };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await EnterAsync(cancellationToken) is { } elsewhere)
        {
            return elsewhere;
        }

        var givenName = Input.GivenName?.Trim() ?? "";
        var familyName = Input.FamilyName?.Trim() ?? "";
        Require("Input.GivenName", givenName);
        Require("Input.FamilyName", familyName);
        var birthDate = ParseBirthDate();
        var namVerdict = HealthInsuranceNumber.Check(Input.Nam, out var nam);
        if (namVerdict == NamVerdict.Malformed)
        {
            ModelState.AddModelError("Input.Nam", Text["Proofing.Nam.Malformed"]);
        }

        if (!SocialInsuranceNumber.IsValid(Input.Nas, settings.AcceptSyntheticSin, out var nas))
        {
            ModelState.AddModelError("Input.Nas", Text["Proofing.Nas.Invalid"]);
        }

        if (!Input.Consent)
        {
            ModelState.AddModelError("Input.Consent", Text["Proofing.Personal.Consent.Required"]);
        }

        if (!ModelState.IsValid || birthDate is null)
        {
            return Rejected();
        }

        // Soft checks (identifiers.md): shown once, then the person's confirmation wins.
        var doubts = new List<string>();
        if (namVerdict == NamVerdict.CheckDigitMismatch)
        {
            doubts.Add("Proofing.Nam.CheckDigit");
        }

        foreach (var hint in HealthInsuranceNumber.Hints(nam, givenName, familyName, birthDate.Value))
        {
            doubts.Add(hint == NamHint.NamesDiffer ? "Proofing.Nam.NamesDiffer" : "Proofing.Nam.BirthDateDiffers");
        }

        if (doubts.Count > 0 && !Input.Confirmed)
        {
            AskConfirmation = true;
            AddRuleErrors("Input.Nam", doubts);
            return Rejected();
        }

        await Workflow.SavePersonalInformationAsync(Case!, new PersonalInformation(givenName, familyName, birthDate.Value, nam, nas), cancellationToken);
        return ToCurrentStep();
    }

    private void Require(string field, string value)
    {
        if (value.Length == 0)
        {
            ModelState.AddModelError(field, Text["Proofing.Required"]);
        }
    }

    private DateOnly? ParseBirthDate()
    {
        if (!DateOnly.TryParseExact(Input.BirthDate?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || date.Year < 1900)
        {
            ModelState.AddModelError("Input.BirthDate", Text["Proofing.BirthDate.Invalid"]);
            return null;
        }

        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        if (date.AddYears(MinimumAge) > today)
        {
            ModelState.AddModelError("Input.BirthDate", Text["Proofing.BirthDate.Age"]);
            return null;
        }

        return date;
    }

    public sealed class PersonalInput
    {
        public string? GivenName { get; set; }

        public string? FamilyName { get; set; }

        public string? BirthDate { get; set; }

        public string? Nam { get; set; }

        public string? Nas { get; set; }

        public bool Consent { get; set; }

        public bool Confirmed { get; set; }
    }
}
