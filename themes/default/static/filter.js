// Agency-group filter of the home and compliance pages. Without this
// script every item shows and the filter stays hidden.
const filter = document.querySelector("[data-group-filter]");
if (filter) {
  const items = [...document.querySelectorAll("[data-group]")];
  const sections = [...document.querySelectorAll("[data-group-section]")];
  const status = filter.querySelector("[data-filter-status]");
  const inputs = [...filter.querySelectorAll("input[name=group]")];
  const apply = (group) => {
    for (const el of items) el.hidden = group !== "" && el.dataset.group !== group;
    // A region with none of the chosen group left disappears with its heading.
    for (const s of sections) {
      s.hidden = ![...s.querySelectorAll("[data-group]")].some((el) => !el.hidden);
    }
    // Rows and sections of one policy both carry the group: count one kind.
    const counted = items.filter((el) => el.tagName === items[0].tagName);
    const shown = counted.filter((el) => !el.hidden).length;
    if (status) status.textContent = group ? `${counted.length}개 중 ${shown}개를 보여 줍니다.` : "";
    const url = new URL(location.href);
    if (group) url.searchParams.set("group", group);
    else url.searchParams.delete("group");
    history.replaceState(null, "", url);
  };
  // A group no choice offers (an old link) shows everything.
  const asked = new URL(location.href).searchParams.get("group") ?? "";
  const initial = inputs.some((i) => i.value === asked) ? asked : "";
  for (const input of inputs) {
    if (input.value === initial) input.checked = true;
    input.addEventListener("change", () => apply(input.value));
  }
  filter.hidden = false;
  if (initial) apply(initial);
}
