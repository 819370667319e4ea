"""What a person sees: the site in a real browser (Debian's chromium, headless, through WebDriver).

Run by scripts/browser-test against a running `portatlas serve` on the small fixture registry. Every check
is an assertion; the run ends with a count of the checks that passed. Screenshots (phone and desktop widths)
go to the folder given as the second argument.
"""
import os
import sys

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

base, shots = sys.argv[1], sys.argv[2]
os.makedirs(shots, exist_ok=True)
checks = 0

# The page types the atlas work added (issue 14), in both languages: whole-site checks iterate over this list.
ATLAS_PAGES = ["/en/atlas", "/uk/atlas", "/en/", "/uk/", "/en/ranges/system", "/uk/ranges/dynamic", "/en/ports/3331", "/uk/ports/3331"]


def wait_for_url(part):
    """Waits for the navigation a click started: WebDriver returns from a click before the next page loads."""
    WebDriverWait(driver, 10).until(expected_conditions.url_contains(part))


def check(condition, what):
    global checks
    if not condition:
        raise AssertionError(what)
    checks += 1


options = Options()
options.binary_location = "/usr/bin/chromium"
for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--lang=en-US"):
    options.add_argument(argument)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
try:
    driver.set_window_size(1280, 2400)

    # The English page for 3331: headings, the registry's entry, the cited use, the vote form.
    driver.get(base + "/en/ports/3331")
    check(driver.title == "What port 3331 is — portatlas", "title: " + driver.title)
    check(driver.find_element(By.TAG_NAME, "h1").text == "What port 3331 is", "h1")
    headings = [h.text for h in driver.find_elements(By.TAG_NAME, "h2")]
    for heading in ("The registry's word", "The range", "What actually uses it", "Neighbours and clusters",
                    "Security note", "Sources", "Was this page helpful?"):
        check(heading in headings, "missing heading " + heading)
    entry = driver.find_element(By.CSS_SELECTOR, "article.entry h3").text
    check("mcs-messaging" in entry and "3331" in entry, "entry heading: " + entry)
    check("Oracle Key Manager (OKM)" in driver.find_element(By.CSS_SELECTOR, "ul.uses").text, "cited use")
    check(driver.find_element(By.CSS_SELECTOR, "tr.current th").text == "3331", "current row in neighbours")
    # The cited source among the footnotes (the bundled knowledge cites more than Oracle on 3331; its order may change).
    sources = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "li[id^=source-] a")]
    check(any(href.startswith("https://docs.oracle.com/") for href in sources), "source link: %s" % sources)
    check(driver.find_element(By.CSS_SELECTOR, "label[for=comment]").text != "", "the comment box is labelled")
    # No script runs on these pages: the Content-Security-Policy forbids it, and none is sent.
    check(driver.find_elements(By.TAG_NAME, "script") == [], "no script elements")
    driver.save_screenshot(os.path.join(shots, "en-3331-desktop.png"))

    # Cast a vote through the form, as a person would, and see the count change.
    before = driver.find_element(By.ID, "tally").text
    check(before.startswith("0 found this page helpful"), "tally before: " + before)
    driver.find_element(By.ID, "comment").send_keys("Clear and cited.")
    driver.find_element(By.CSS_SELECTOR, "button[name=helpful][value=yes]").click()
    wait_for_url("voted=")
    check("voted=recorded" in driver.current_url, "redirected after the vote: " + driver.current_url)
    check(driver.find_element(By.CSS_SELECTOR, "p.thanks").text == "Thank you: your vote is recorded.", "thanks")
    after = driver.find_element(By.ID, "tally").text
    check(after.startswith("1 found this page helpful"), "tally after: " + after)
    # A second vote from the same browser is taken as already counted.
    driver.find_element(By.CSS_SELECTOR, "button[name=helpful][value=no]").click()
    wait_for_url("voted=limited")
    check("voted=limited" in driver.current_url, "second vote limited: " + driver.current_url)
    check(driver.find_element(By.ID, "tally").text == after, "tally unchanged by the second vote")

    # The Ukrainian page: the interface translated, the registry as IANA wrote it.
    driver.get(base + "/uk/ports/3331")
    check(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "uk", "lang=uk")
    check(driver.find_element(By.TAG_NAME, "h1").text == "Що таке порт 3331", "uk h1")
    check(driver.find_element(By.ID, "vote").text == "Ця сторінка була корисною?", "uk vote question")
    check("mcs-messaging" in driver.page_source, "registry text unchanged in uk")
    check(driver.find_element(By.ID, "tally").text.startswith("Корисною: 1"), "the vote counts on every language's page")
    driver.save_screenshot(os.path.join(shots, "uk-3331-desktop.png"))
    driver.set_window_size(390, 2400)
    driver.get(base + "/uk/ports/3331")
    width = driver.execute_script("return document.documentElement.scrollWidth")
    check(width <= 390, "no sideways scrolling on a phone: %d" % width)
    driver.save_screenshot(os.path.join(shots, "uk-3331-phone.png"))
    driver.set_window_size(1280, 2400)

    # The language switcher and hreflang links.
    driver.get(base + "/en/ports/3301")
    switch = driver.find_element(By.CSS_SELECTOR, "nav a[hreflang=uk]")
    check(switch.text == "Українська", "switcher")
    switch.click()
    wait_for_url("/uk/ports/3301")
    check(driver.current_url.endswith("/uk/ports/3301"), "switched to uk")
    check("Known Unauthorized Use on port 3301" in driver.page_source, "unauthorized use note on 3301")

    # Search: words find entries; a port number goes to its page.
    driver.get(base + "/en/")
    box = driver.find_element(By.ID, "home-q")
    box.send_keys("tarantool")
    box.submit()
    wait_for_url("search?q=tarantool")
    check("tarantool" in driver.find_element(By.TAG_NAME, "main").text, "search finds tarantool")
    driver.save_screenshot(os.path.join(shots, "en-search.png"))
    driver.get(base + "/en/search?q=3368")
    check(driver.current_url.endswith("/en/ports/3368"), "a number goes to its page")
    check("satvid-datalnk" in driver.page_source, "3368 is in satvid-datalnk's range")

    # Products: an alias typed in the search box finds the product above the registry; its page lists its
    # ports with their sources (the fictional products of Tests/Fixtures/knowledge-products).
    driver.get(base + "/en/")
    box = driver.find_element(By.ID, "home-q")
    box.send_keys("QuillLab")
    box.submit()
    wait_for_url("search?q=QuillLab")
    check(driver.find_element(By.ID, "products").text == "Products", "search shows a products heading")
    found = driver.find_element(By.CSS_SELECTOR, "ul.products li a")
    check(found.text == "Quillbook Notebook Server", "search finds the product by its alias: " + found.text)
    driver.save_screenshot(os.path.join(shots, "en-search-product.png"))
    found.click()
    wait_for_url("/en/products/quillbook")
    check(driver.find_element(By.TAG_NAME, "h1").text == "Quillbook Notebook Server", "product h1")
    rows = driver.find_elements(By.CSS_SELECTOR, "table.product-ports tbody tr")
    check([row.find_element(By.TAG_NAME, "th").text for row in rows] == ["3339", "3340"], "the product's ports")
    check("<b>check</b>" in rows[0].text and rows[0].find_elements(By.TAG_NAME, "b") == [], "a note is text, not markup")
    source = driver.find_element(By.ID, "source-1").find_element(By.TAG_NAME, "a")
    check(source.get_attribute("href") == "https://quillbook.example/docs/running?lang=en&v=2", "source link: " + source.get_attribute("href"))
    check("2026-11-30" in driver.find_element(By.ID, "source-1").text, "the day the source was read")
    check(driver.find_elements(By.TAG_NAME, "script") == [], "no script elements on the product page")
    driver.save_screenshot(os.path.join(shots, "en-product-desktop.png"))
    # From the product to a port, and back from the port's uses to the product.
    rows[0].find_element(By.TAG_NAME, "a").click()
    wait_for_url("/en/ports/3339")
    driver.find_element(By.CSS_SELECTOR, "ul.uses a[href='/en/products/quillbook']").click()
    wait_for_url("/en/products/quillbook")
    check(driver.current_url.endswith("/en/products/quillbook"), "the port page's use links to the product")
    # An alias in place of the slug goes to the product's page.
    driver.get(base + "/en/products/qnb")
    check(driver.current_url.endswith("/en/products/quillbook"), "an alias's address goes to the page: " + driver.current_url)
    # The Ukrainian page on a phone, and the A–Z with its field filter.
    driver.set_window_size(390, 2400)
    driver.get(base + "/uk/products/quillbook")
    check(driver.find_element(By.ID, "ports").text == "Порти", "uk product page")
    width = driver.execute_script("return document.documentElement.scrollWidth")
    check(width <= 390, "no sideways scrolling on a phone, product page: %d" % width)
    driver.save_screenshot(os.path.join(shots, "uk-product-phone.png"))
    driver.set_window_size(1280, 2400)
    driver.get(base + "/en/products")
    check(driver.find_element(By.TAG_NAME, "h1").text == "Products A–Z", "A–Z h1")
    check(driver.find_element(By.ID, "letter-q").text == "Q", "letter heading Q")
    driver.find_element(By.CSS_SELECTOR, "select#field option[value=databases]").click()
    driver.find_element(By.CSS_SELECTOR, "form.filter button").click()
    wait_for_url("field=databases")
    names = [a.text for a in driver.find_elements(By.CSS_SELECTOR, "ul.products li a")]
    check("Zephyr Cache" in names and "Quillbook Notebook Server" not in names, "field filter: %s" % names)
    driver.save_screenshot(os.path.join(shots, "en-products-desktop.png"))

    # The registry table with its header block.
    driver.get(base + "/en/registry")
    check(driver.find_element(By.TAG_NAME, "h1").text == "Service Name and Transport Protocol Port Number Registry", "registry h1")
    rows = driver.find_elements(By.CSS_SELECTOR, "table.registry tbody tr")
    check(len(rows) == 20, "20 fixture records, got %d" % len(rows))
    check(driver.find_element(By.CSS_SELECTOR, "a[href='/registry.csv']").text == "CSV", "CSV download link")
    driver.save_screenshot(os.path.join(shots, "en-registry-desktop.png"))

    # The atlas: the picture, its legend, and the same links as text; a row of the picture goes to its records.
    for width in (1280, 390):
        driver.set_window_size(width, 2000)
        for path in ATLAS_PAGES:
            driver.get(base + path)
            overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
            check(overflow <= 0, "%s at %d px: no sideways scrolling (%d px too wide)" % (path, width, overflow))
    driver.set_window_size(1280, 2000)
    driver.get(base + "/en/atlas")
    picture = driver.find_element(By.CSS_SELECTOR, "svg.atlas")
    check(picture.size["width"] > 900, "the atlas fills the column: %s" % picture.size)
    check(len(driver.find_elements(By.CSS_SELECTOR, "svg.atlas a")) == 256, "a link per row")
    check("Assigned on TCP and UDP" in driver.find_element(By.CSS_SELECTOR, "table.legend").text, "the legend names the colours")
    driver.save_screenshot(os.path.join(shots, "en-atlas-desktop.png"))
    driver.find_element(By.CSS_SELECTOR, "svg.atlas a[href='/en/ports/3328-3583'] rect").click()
    wait_for_url("/en/ports/3328-3583")
    check(driver.current_url.endswith("/en/ports/3328-3583"), "a row of the atlas opens its records")
    driver.get(base + "/en/ports/3331")
    driver.find_element(By.CSS_SELECTOR, ".atlas-block a[href='/en/ports/3332'] rect").click()
    wait_for_url("/en/ports/3332")
    check(driver.current_url.endswith("/en/ports/3332"), "a cell of the neighbourhood opens its port")
    driver.get(base + "/en/")
    check(driver.find_element(By.CSS_SELECTOR, "a.atlas-thumb").get_attribute("href").endswith("/en/atlas"), "the home page links the atlas")
    check(len(driver.find_elements(By.CSS_SELECTOR, "ul.popular a")) >= 10, "the home page names the popular ports")
    box = driver.find_element(By.ID, "home-q")
    check(box.size["width"] >= 300, "the home search box is wide enough for its placeholder: %s" % box.size)
    driver.save_screenshot(os.path.join(shots, "en-home-desktop.png"))

    # A port that does not exist: a helpful page, status 404 behind it.
    driver.get(base + "/en/ports/65536")
    check(driver.find_element(By.TAG_NAME, "h1").text == "No such page", "404 page")
finally:
    driver.quit()

print("browser: %d checks passed" % checks)
