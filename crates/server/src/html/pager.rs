//! Links between the pages of a list (first, previous, next, last), each
//! keeping the list's filter and order.

use super::esc;
use crate::routes::params::href;
use juesuan_store::Paging;
use std::fmt::Write;

/// Where a page is among the pages of its list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pages {
    /// This page, from 1.
    pub current: u64,
    /// Pages in all (at least 1, an empty list has one empty page).
    pub count: u64,
}

impl Pages {
    /// The pages of a list of `total` items cut as `paging`.
    pub fn of(total: u64, paging: Paging) -> Pages {
        let size = u64::from(paging.limit.max(1));
        Pages {
            current: paging.offset / size + 1,
            count: total.div_ceil(size).max(1),
        }
    }
}

/// The links to the other pages of the list at `path` (nothing when the
/// list fits on one page). `pairs` are the list's own parameters.
pub fn pager(b: &mut String, path: &str, pairs: &[(&str, String)], pages: Pages) {
    if pages.count <= 1 && pages.current <= 1 {
        return;
    }
    let link = |n: u64| {
        let mut p: Vec<(&str, String)> = pairs.to_vec();
        if n > 1 {
            p.push(("page", n.to_string()));
        }
        esc(&href(path, &p))
    };
    b.push_str("<nav class=\"pages\" aria-label=\"分页\">");
    let current = pages.current.min(pages.count.saturating_add(1));
    if current > 1 {
        let prev = (current - 1).min(pages.count);
        let _ = write!(
            b,
            "<a href=\"{}\" rel=\"first\">首页</a> <a href=\"{}\" rel=\"prev\">上一页</a> ",
            link(1),
            link(prev)
        );
    }
    let _ = write!(
        b,
        "<span class=\"current\">第 {} / {} 页</span>",
        pages.current, pages.count
    );
    if current < pages.count {
        let _ = write!(
            b,
            " <a href=\"{}\" rel=\"next\">下一页</a> <a href=\"{}\" rel=\"last\">末页</a>",
            link(current + 1),
            link(pages.count)
        );
    }
    b.push_str("</nav>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_of_a_list() {
        assert_eq!(
            Pages::of(120, Paging::new(50, 50)),
            Pages {
                current: 2,
                count: 3
            }
        );
        assert_eq!(Pages::of(0, Paging::new(50, 0)).count, 1);
        assert_eq!(Pages::of(100, Paging::new(50, 0)).count, 2);
    }

    #[test]
    fn links_keep_the_filter() {
        let mut b = String::new();
        let pairs = vec![("year", "2024".to_string())];
        pager(
            &mut b,
            "/",
            &pairs,
            Pages {
                current: 2,
                count: 3,
            },
        );
        assert!(b.contains("href=\"/?year=2024\" rel=\"prev\""), "{b}");
        assert!(
            b.contains("href=\"/?year=2024&amp;page=3\" rel=\"next\""),
            "{b}"
        );
        assert!(b.contains("第 2 / 3 页"));
        let mut one = String::new();
        pager(
            &mut one,
            "/",
            &pairs,
            Pages {
                current: 1,
                count: 1,
            },
        );
        assert!(one.is_empty());
    }
}
