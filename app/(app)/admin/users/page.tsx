import type { Metadata } from "next";
import { Button } from "@/components/ui/button";
import { PageHeading } from "@/components/ui/page-heading";
import { Pagination } from "@/components/ui/pagination";
import { firstParam, type SearchParamsRecord } from "@/lib/search-params";
import { UserFilters } from "@/components/admin/user-filters";
import { UserTable } from "@/components/admin/user-table";
import { SearchExpiredBanner } from "@/components/search/saved-search-form";
import { requireActor } from "@/lib/auth/session";
import { assignableOrganisations, listUsers, managedUsersWhere } from "@/lib/users/data";
import { parseUserFilters, USER_SORTS, type UserSort } from "@/lib/users/schema";
import { COUNT_CAP, parseListQuery } from "@/lib/list";
import { resolveSearchParams } from "@/lib/search/saved";
import { refusePage } from "@/lib/auth/refuse";

// The title is the same whatever the filters, so it needs no search read back.
export const metadata: Metadata = { title: "Users" };

const PATH = "/admin/users";

/** Users the actor manages (admins: everyone; managers: their organisation's), filtered and paged on the server. */
export default async function UsersPage({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  const actor = await requireActor();
  if (managedUsersWhere(actor) === null) await refusePage(actor, "admin:users-own-organisation");
  // The name or email searched for comes back from the saved search named by `?search=`; the
  // sort and page links are built from `linkParams`, which never hold it.
  const { params, linkParams, expired } = await resolveSearchParams(actor, "admin-users", await searchParams);
  const { filters, values } = parseUserFilters(params);
  const query = parseListQuery<UserSort>(params, { sorts: USER_SORTS, defaultSort: "name", defaultDir: "asc" });
  const [list, organisations] = await Promise.all([listUsers(actor, filters, query), assignableOrganisations(actor)]);
  const filtered = Object.keys(values).length > 0;
  const count = list.totalCapped
    ? `More than ${COUNT_CAP.toLocaleString("en-GB")} users`
    : `${list.total.toLocaleString("en-GB")} ${list.total === 1 ? "user" : "users"}`;
  return (
    <>
      <PageHeading caption="Administration">Users</PageHeading>
      <Button href="/admin/users/new">Invite a user</Button>
      {expired ? <SearchExpiredBanner /> : null}
      <UserFilters
        path={PATH}
        values={values}
        organisations={organisations}
        keep={{ sort: firstParam(params.sort), dir: firstParam(params.dir) }}
      />
      <p className="heading-s" role="status">
        {count}
        {filtered ? (list.total === 1 ? " matches your filters" : " match your filters") : ""}
      </p>
      <UserTable
        rows={list.rows}
        caption={`Users${filtered ? ", filtered" : ""}`}
        sort={{ by: query.sort, dir: query.dir, pathname: PATH, searchParams: linkParams }}
        emptyMessage={filtered ? "No users match these filters." : "No users yet."}
      />
      <Pagination page={list.page} totalPages={list.totalPages} pathname={PATH} searchParams={linkParams} />
    </>
  );
}
