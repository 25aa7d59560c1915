using Sesame.Core.Access;
using Sesame.Core.Accounts;
using Sesame.Core.Organizations;
using Sesame.Core.Privacy;

namespace Sesame.Server.Features.AccessRequests;

/// <summary>
/// An access request as the authorizer and the operator read it: its encrypted parts opened for this page only,
/// never written anywhere else.
/// </summary>
public sealed record AccessRequestView(
    AccessRequest Request,
    Organization Organization,
    ProfessionalName User,
    AccessRequestWork Work,
    ProfessionalName Authorizer,
    IReadOnlyList<ProfessionalService> Services)
{
    public string Reference => AccessRequestRules.DisplayReference(Request.ReferenceNumber);

    public static AccessRequestView Open(AccessRequest request, Organization organization, IReadOnlyList<ProfessionalService> catalogue, PersonalDataProtector protector) => new(
        request,
        organization,
        protector.Unprotect<ProfessionalName>(request.User, ProfessionalName.Purpose),
        protector.Unprotect<AccessRequestWork>(request.UserWork, AccessRequestWork.Purpose),
        protector.Unprotect<ProfessionalName>(request.Authorizer, ProfessionalName.Purpose),
        [.. catalogue.Where(s => request.ServiceCodes.Contains(s.Code)).OrderBy(s => s.ListOrder)]);
}
