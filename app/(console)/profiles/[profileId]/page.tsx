import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { ForbiddenState } from "@/components/console/forbidden-state";
import { NoStoreState } from "@/components/console/no-store-state";
import { ConversationTimeline } from "@/components/profiles/conversation-timeline";
import { IdentifierList } from "@/components/profiles/identifier-list";
import { IdentityHistory } from "@/components/profiles/identity-history";
import { ObservationList } from "@/components/profiles/observation-list";
import { ProfileAdminActions } from "@/components/profiles/profile-admin-actions";
import { RecallPlayground } from "@/components/profiles/recall-playground";
import { TraitEditor } from "@/components/profiles/trait-editor";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole } from "@/lib/auth/roles";
import { getConsoleProfileDetail, PROFILE_DETAIL_LIMITS } from "@/lib/console/get-console-profile-detail";
import { formatDateTime } from "@/lib/console/format-date-time";
import { profileRoles } from "@/lib/console/profile-roles";
import { isAppError, ProfileMovedError } from "@/lib/errors";
import { getStoreSelection, requireConsoleUser } from "../../console-session";

export const metadata: Metadata = { title: "Profile" };

async function loadDetail(storeId: string, profileId: string) {
  try {
    return await getConsoleProfileDetail({ storeId, profileId });
  } catch (error) {
    // A merged-away id keeps working: it opens the profile it was merged into.
    if (error instanceof ProfileMovedError) redirect(`/profiles/${error.canonicalProfileId}?from=${encodeURIComponent(profileId)}`);
    if (isAppError(error) && error.kind === "not_found") notFound();
    throw error;
  }
}

// Profile detail: everything Kith holds about one customer, with the corrections admins may make.
export default async function ProfilePage({ params, searchParams }: { params: Promise<{ profileId: string }>; searchParams: Promise<{ from?: string }> }) {
  const { user, area, isAllowed } = await requireConsoleUser("profiles");
  if (!isAllowed) return <ForbiddenState area={area} role={user.role} />;
  const { current } = await getStoreSelection(user.actor);
  if (!current) return <NoStoreState />;
  const { profileId } = await params;
  const { from } = await searchParams;
  const profile = await loadDetail(current.id, decodeURIComponent(profileId));
  const canEdit = hasRole(user, profileRoles.edit);
  const canAdminister = hasRole(user, profileRoles.erase);
  const counts = profile.observationCounts;

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-3 text-sm">
        <Link href="/profiles" className="text-indigo-700 hover:underline">
          ← Profiles
        </Link>
      </nav>
      <PageHeader
        title={profile.displayName ?? "Unnamed profile"}
        description={
          <>
            <span className="font-mono">{profile.id}</span> · created {formatDateTime(profile.createdAt)} · last contact {formatDateTime(profile.lastContactAt)}
          </>
        }
        actions={canAdminister ? <ProfileAdminActions profileId={profile.id} displayName={profile.displayName} /> : null}
      />
      {from && from !== profile.id ? (
        <Alert tone="info" className="mb-4">
          {from} was merged into this profile; its link opens this one.
        </Alert>
      ) : null}
      {!canEdit ? (
        <Alert tone="info" className="mb-4">
          You are signed in as {user.role}: you can read this profile and use the recall playground. Correcting traits and identifiers, exporting and erasing are for admins.
        </Alert>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-2">
        <div className="space-y-6">
          <Card title="Traits" description={canEdit ? "Edit a value inline; it is validated against its definition. A promoted trait (email, phone…) also becomes an identifier, with identity resolution’s consequences." : undefined}>
            <div className="space-y-5">
              {profile.traitGroups.map((group) => (
                <section key={group.name} aria-label={`Trait group ${group.name}`}>
                  <h3 className="text-sm font-semibold uppercase tracking-wide text-slate-600">{group.name}</h3>
                  {group.description ? <p className="text-xs text-slate-500">{group.description}</p> : null}
                  <div className="divide-y divide-slate-100">
                    {group.traits.map((trait) => (
                      <TraitEditor
                        key={trait.name}
                        profileId={profile.id}
                        canEdit={canEdit}
                        trait={{
                          groupName: group.name,
                          name: trait.name,
                          dataType: trait.definition.dataType,
                          description: trait.definition.description ?? null,
                          promotesTo: trait.definition.idTypePromotion ?? null,
                          value: trait.value,
                          source: trait.source,
                          updatedAt: trait.updatedAt ? formatDateTime(trait.updatedAt) : null,
                        }}
                      />
                    ))}
                    {group.traits.length === 0 ? <p className="py-2 text-sm text-slate-500">This group declares no traits.</p> : null}
                  </div>
                </section>
              ))}
            </div>
          </Card>
          <Card title="Identifiers" description="Normalised values, in matching-rule priority, with when and how each arrived.">
            <IdentifierList
              profileId={profile.id}
              canEdit={canEdit}
              identifierTypes={profile.identifierTypes}
              identifiers={profile.identifiers.map((identifier) => ({ ...identifier, createdAt: formatDateTime(identifier.createdAt) }))}
            />
          </Card>
          <Card title="Merge and resolution history" description="Every record identity resolution matched to this profile, and every merge it took part in, oldest first.">
            <IdentityHistory profileId={profile.id} resolutions={profile.resolutions} merges={profile.merges} aliasIds={profile.aliasIds} />
          </Card>
        </div>
        <div className="space-y-6">
          <Card title="Recall playground" description="What an agent asking about this customer would get, ranked, with each item’s lexical, semantic and recency parts.">
            <RecallPlayground profileId={profile.id} />
          </Card>
          <Card
            title="Observations"
            description={
              <span className="flex flex-wrap gap-2">
                <Badge tone="amber">{counts.PENDING} pending</Badge>
                <Badge tone="green">{counts.APPROVED} approved</Badge>
                <Badge tone="red">{counts.REJECTED} rejected</Badge>
                {counts.PENDING + counts.APPROVED + counts.REJECTED > profile.observations.length ? <span className="text-xs">showing the latest {PROFILE_DETAIL_LIMITS.observations}</span> : null}
              </span>
            }
          >
            <ObservationList observations={profile.observations} />
          </Card>
          <Card title="Summaries">
            {profile.summaries.length === 0 ? (
              <p className="text-sm text-slate-500">No summaries yet.</p>
            ) : (
              <ul className="space-y-2">
                {profile.summaries.map((summary) => (
                  <li key={summary.id} className="rounded-md bg-slate-50 px-3 py-2 text-sm">
                    <p className="text-slate-900">{summary.content}</p>
                    <p className="text-xs text-slate-500">
                      {formatDateTime(summary.occurredAt)} · {summary.source.toLowerCase()}
                      {summary.conversationId ? (
                        <>
                          {" · "}
                          <a href={`#conversation-${summary.conversationId}`} className="font-mono text-indigo-700 underline">
                            {summary.conversationId}
                          </a>
                        </>
                      ) : null}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card title="Conversations" description="Across every channel, newest activity first.">
            <ConversationTimeline conversations={profile.conversations} total={profile.conversationCount} messageLimit={PROFILE_DETAIL_LIMITS.messagesPerConversation} />
          </Card>
        </div>
      </div>
    </>
  );
}
