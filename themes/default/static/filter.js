// Agency-group filter of the home and compliance pages. Without this
// script every item shows and the filter stays hidden.
const filter = document.querySelector("[data-group-filter]");
if (filter) {
  const items = [...document.querySelectorAll("[data-group]")];
  const sections = [...document.querySelectorAll("[data-group-section]")];
  const apply = (group) => {
    for (const el of items) el.hidden = group !== "" && el.dataset.group !== group;
    // A region with none of the chosen group left disappears with its heading.
    for (const s of sections) {
      s.hidden = ![...s.querySelectorAll("[data-group]")].some((el) => !el.hidden);
    }
    const url = new URL(location.href);
    if (group) url.searchParams.set("group", group);
    else url.searchParams.delete("group");
    history.replaceState(null, "", url);
  };
  const initial = new URL(location.href).searchParams.get("group") ?? "";
  for (const input of filter.querySelectorAll("input[name=group]")) {
    if (input.value === initial) input.checked = true;
    input.addEventListener("change", () => apply(input.value));
  }
  filter.hidden = false;
  if (initial) apply(initial);
}
