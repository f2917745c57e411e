import type { Metadata } from "next";
import Link from "next/link";
import { ForbiddenState } from "@/components/console/forbidden-state";
import { NoStoreState } from "@/components/console/no-store-state";
import { ProfileFilters } from "@/components/profiles/profile-filters";
import { ProfileTable } from "@/components/profiles/profile-table";
import { Alert } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { consoleProfileListQuery, searchConsoleProfiles } from "@/lib/console/search-console-profiles";
import { flattenSearchParams, toQueryString, type SearchParams } from "@/lib/console/search-params";
import { isAppError } from "@/lib/errors";
import { getStoreSelection, requireConsoleUser } from "../console-session";
import { StalePageLinkAlert } from "@/components/console/stale-page-link-alert";

export const metadata: Metadata = { title: "Profiles" };

const PROFILE_PAGE_SIZE = 25;

// Profiles: the current store's customers, newest first, searched, filtered and paged through the URL.
export default async function ProfilesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { user, area, isAllowed } = await requireConsoleUser("profiles");
  if (!isAllowed) return <ForbiddenState area={area} role={user.role} />;
  const { current } = await getStoreSelection(user.actor);
  const header = <PageHeader title={area.label} description={area.description} />;
  if (!current) {
    return (
      <>
        {header}
        <NoStoreState />
      </>
    );
  }

  const query = consoleProfileListQuery.safeParse(flattenSearchParams(await searchParams));
  if (!query.success) {
    return (
      <>
        {header}
        <Alert tone="error" title="This profile search address is not valid">
          <Link href="/profiles" className="underline">
            Start again from the newest profiles
          </Link>
        </Alert>
      </>
    );
  }
  const { q, channel, pending, merged, pageToken, erased } = query.data;
  const filters = { q, channel, pending, merged };

  let page;
  try {
    page = await searchConsoleProfiles({
      storeId: current.id,
      query: q,
      channel,
      hasPendingReview: pending === "1",
      hasMerges: merged === "1",
      page: { pageSize: PROFILE_PAGE_SIZE, pageToken, orderBy: "DESC" },
    });
  } catch (error) {
    if (!isAppError(error) || error.kind !== "bad_request") throw error;
    return (
      <>
        {header}
        <ProfileFilters {...filters} />
        <StalePageLinkAlert restartHref={`/profiles${toQueryString(filters)}`} restartLabel="Start again from the first page" />
      </>
    );
  }

  const isFiltered = Boolean(q || channel || pending || merged);
  const matchedAs = page.interpretation?.identifierMatches ?? [];
  return (
    <>
      {header}
      {erased ? (
        <Alert tone="success" className="mb-4">
          Profile {erased} was erased, with everything Kith held about the person.
        </Alert>
      ) : null}
      <ProfileFilters {...filters} />
      {q && matchedAs.length > 0 ? (
        <p className="-mt-3 mb-4 text-xs text-slate-600" data-testid="search-interpretation">
          Also searched as{" "}
          {matchedAs.map((match, index) => (
            <span key={match.idType}>
              {index > 0 ? ", " : null}
              {match.idType} <code className="rounded bg-slate-100 px-1">{match.value}</code>
            </span>
          ))}
          .
        </p>
      ) : null}
      {page.items.length === 0 ? (
        <EmptyState title={isFiltered ? "No profiles match" : `No profiles in ${current.displayName} yet`}>
          <p>
            {isFiltered
              ? "Try another spelling, part of the name, a full phone number or email, or clear the filters."
              : "Profiles appear when customers are created through the API (POST …/Profiles) or take part in a conversation."}
          </p>
        </EmptyState>
      ) : (
        <>
          <ProfileTable profiles={page.items} />
          <Pagination
            label="Profile pages"
            previousLabel="Newer"
            nextLabel="Older"
            previousHref={page.previousToken ? `/profiles${toQueryString({ ...filters, pageToken: page.previousToken })}` : null}
            nextHref={page.nextToken ? `/profiles${toQueryString({ ...filters, pageToken: page.nextToken })}` : null}
          />
        </>
      )}
    </>
  );
}
