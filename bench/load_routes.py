"""The routes bench/load.py measures, shared by its two processes (load.py runs Django;
load_driver.py runs locust, which patches the standard library for gevent on import)."""

# name: (whose, method, path, the status that means it worked)
ROUTES = {
    "healthz": ("anonymous", "GET", "/healthz", 200),
    "specialist home": ("specialist", "GET", "/dashboard/", 200),
    "check-in form": ("specialist", "GET", "/self-care/check-in/", 200),
    "check-in sent": ("specialist", "POST", "/self-care/check-in/", 302),
    "manager compliance": ("manager", "GET", "/supervision/compliance/", 200),
    "manager team wellbeing": ("manager", "GET", "/team-wellbeing/", 200),
    "HR roster": ("hr", "GET", "/certifications/roster/", 200),
    "people API (token, 50)": ("token", "GET", "/api/v1/people/?page_size=50", 200),
}
# The pages each signed-in kind of person reads (not the POST, not the baseline).
PAGES = [
    (name, whose, path)
    for name, (whose, method, path, _) in ROUTES.items()
    if method == "GET" and whose != "anonymous"
]
