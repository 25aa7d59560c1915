using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Sesame.Core.Identity.Identifiers;

namespace Sesame.Server.Features.Proofing;

/// <summary>
/// The fields an identified person fills to prove again who they are (seed 002): NAS and notice of
/// assessment, or NAM and health card reference number, and the consent to send them to that registry.
/// Shared by the password reset and the account recovery, which both re-verify identity.
/// </summary>
public class ReidentificationInput
{
    /// <summary>The NAS or NAM typed.</summary>
    public string? Identifier { get; set; }

    /// <summary>The notice of assessment or card reference number.</summary>
    public string? ProofNumber { get; set; }

    public bool ProofConsent { get; set; }

    /// <summary>Checks the formats and the consent; the normalized values, or null with the errors added under <paramref name="prefix"/>.</summary>
    public (string Identifier, string Proof)? Validate(ReidentificationProof proof, ProofingSettings settings, IStringLocalizer text, ModelStateDictionary modelState, string prefix)
    {
        var bySin = proof == ReidentificationProof.SinAndNotice;
        var identifierValid = bySin
            ? SocialInsuranceNumber.IsValid(Identifier, settings.AcceptSyntheticSin, out var identifier)
            : HealthInsuranceNumber.Check(Identifier, out identifier) != NamVerdict.Malformed;
        var proofValid = bySin
            ? NoticeOfAssessmentNumber.IsValid(ProofNumber, out var number)
            : HealthCardNumbers.IsValidReferenceNumber(ProofNumber, out number);
        if (!identifierValid)
        {
            modelState.AddModelError($"{prefix}.Identifier", text[bySin ? "Proofing.Nas.Invalid" : "Proofing.Nam.Malformed"]);
        }

        if (!proofValid)
        {
            modelState.AddModelError($"{prefix}.ProofNumber", text[bySin ? "Proofing.Notice.Invalid" : "Proofing.CardReference.Invalid"]);
        }

        if (!ProofConsent)
        {
            modelState.AddModelError($"{prefix}.ProofConsent", text["Proofing.Consent.Required"]);
        }

        return identifierValid && proofValid && ProofConsent ? (identifier, number) : null;
    }

    /// <summary>The status of a page that shows a registry's refusal: down (503), locked (429), or no match (422).</summary>
    public static int StatusOf(StepResult result) => result.Outcome switch
    {
        StepOutcome.Unavailable => StatusCodes.Status503ServiceUnavailable,
        StepOutcome.Locked => StatusCodes.Status429TooManyRequests,
        _ => StatusCodes.Status422UnprocessableEntity,
    };
}
