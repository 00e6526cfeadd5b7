using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Adal.Features.Requests;

/// <summary>The states of a request; the API writes them in snake_case (in_review, needs_correction).</summary>
public enum RequestState { Draft, Submitted, InReview, NeedsCorrection, Approved, Rejected, Issued, Withdrawn }

/// <summary>A person's application for one service, under the definition version it was submitted with.</summary>
public sealed class ServiceRequest
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public required string ServiceSlug { get; set; }
    public int DefinitionVersion { get; set; }
    public Guid ApplicantId { get; set; }
    public RequestState State { get; set; }
    /// <summary>kk, ru or en: the language the applicant used, and the one the issued document is written in.</summary>
    public string Language { get; set; } = "kk";
    /// <summary>The form's values as submitted (normalised strings), JSON object.</summary>
    public string FieldsJson { get; set; } = "{}";
    public int StepIndex { get; set; }
    /// <summary>Who the system assigned the current step to; nobody chooses this by hand.</summary>
    public Guid? AssigneeId { get; set; }
    /// <summary>On a four-eyes step: the first signature, waiting for the approver's second one.</summary>
    public Guid? FirstSignerId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SubmittedAt { get; set; }
    public DateTime? StepStartedAt { get; set; }
    /// <summary>The SLA deadline of the current step in working hours; stored, so a restart loses no timer.</summary>
    public DateTime? StepDueAt { get; set; }
    public DateTime? EscalatedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    public string? DocumentNumber { get; set; }
    /// <summary>Optimistic concurrency: two officers' clicks on the same case cannot both win.</summary>
    public int Revision { get; set; }
    public List<RequestTransition> Transitions { get; set; } = [];
    public List<RequestAttachment> Attachments { get; set; } = [];

    public bool IsOpen => State is RequestState.Draft or RequestState.Submitted or RequestState.InReview or RequestState.NeedsCorrection;
}

/// <summary>One move of a request: who (or the system), when, from what to what, and why.</summary>
public sealed class RequestTransition
{
    public long Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid RequestId { get; set; }
    public RequestState From { get; set; }
    public RequestState To { get; set; }
    public required string Action { get; set; }
    /// <summary>Null when the system acted (assignment, automatic decision, escalation).</summary>
    public Guid? ActorId { get; set; }
    public string? ActorName { get; set; }
    public int StepIndex { get; set; }
    public Guid? AssigneeId { get; set; }
    public string? Reason { get; set; }
    public DateTime At { get; set; }
}

public sealed class RequestAttachment
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid RequestId { get; set; }
    public required string Key { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public required byte[] Content { get; set; }
    public DateTime UploadedAt { get; set; }
}

internal sealed class ServiceRequestConfiguration :
    IEntityTypeConfiguration<ServiceRequest>, IEntityTypeConfiguration<RequestTransition>, IEntityTypeConfiguration<RequestAttachment>
{
    public void Configure(EntityTypeBuilder<ServiceRequest> b)
    {
        b.Property(r => r.ServiceSlug).HasMaxLength(80);
        b.Property(r => r.State).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.DocumentNumber).HasMaxLength(40);
        b.Property(r => r.Language).HasMaxLength(2);
        b.Property(r => r.Revision).IsConcurrencyToken();
        b.HasIndex(r => new { r.TenantId, r.ApplicantId });
        b.HasIndex(r => new { r.TenantId, r.AssigneeId, r.State });
        b.HasIndex(r => new { r.State, r.StepDueAt });
        b.HasMany(r => r.Transitions).WithOne().HasForeignKey(t => t.RequestId);
        b.HasMany(r => r.Attachments).WithOne().HasForeignKey(a => a.RequestId);
    }

    public void Configure(EntityTypeBuilder<RequestTransition> b)
    {
        b.Property(t => t.From).HasConversion<string>().HasMaxLength(20);
        b.Property(t => t.To).HasConversion<string>().HasMaxLength(20);
        b.Property(t => t.Action).HasMaxLength(32);
        b.Property(t => t.ActorName).HasMaxLength(200);
        b.Property(t => t.Reason).HasMaxLength(2000);
        b.HasIndex(t => t.RequestId);
    }

    public void Configure(EntityTypeBuilder<RequestAttachment> b)
    {
        b.Property(a => a.Key).HasMaxLength(80);
        b.Property(a => a.FileName).HasMaxLength(255);
        b.Property(a => a.ContentType).HasMaxLength(80);
        b.Property(a => a.Sha256).HasMaxLength(64);
    }
}
