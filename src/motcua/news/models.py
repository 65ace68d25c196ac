"""Portal news: articles in categories, written by staff and published by an editor.

Publishing is a Django permission (`news.publish_article`), kept apart from the dossier
roles: a commune's editor need not handle dossiers, nor a handler publish news.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from motcua.org.models import Agency
from motcua.text import fold

from .sanitize import clean_html


def slug_for(title: str) -> str:
    """An ASCII slug from a Vietnamese title: "Đăng ký kết hôn" → "dang-ky-ket-hon"."""
    return slugify(fold(title))[:200].strip("-") or "bai-viet"


class Category(models.Model):
    name = models.CharField(_("tên"), max_length=120)
    slug = models.SlugField(_("đường dẫn"), max_length=120, unique=True)

    class Meta:
        verbose_name = _("chuyên mục")
        verbose_name_plural = _("chuyên mục")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("news:category", args=[self.slug])


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    PUBLISHED = "published", _("Đã đăng")


class PublishedManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(status=ArticleStatus.PUBLISHED)


class Article(models.Model):
    title = models.CharField(_("tiêu đề"), max_length=255)
    slug = models.SlugField(_("đường dẫn"), max_length=220, unique=True, blank=True)
    summary = models.TextField(_("tóm tắt"), max_length=600)
    body = models.TextField(
        _("nội dung"),
        help_text=_("HTML đơn giản (đoạn văn, in đậm, danh sách, liên kết, ảnh, bảng)."),
    )
    cover = models.ImageField(_("ảnh đại diện"), upload_to="news/%Y/%m/", blank=True)
    cover_alt = models.CharField(_("mô tả ảnh"), max_length=255, blank=True)
    category = models.ForeignKey(
        Category, models.PROTECT, related_name="articles", verbose_name=_("chuyên mục")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name=_("tác giả"),
    )
    agency = models.ForeignKey(
        Agency, models.PROTECT, related_name="articles", verbose_name=_("cơ quan đăng tin")
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=ArticleStatus.choices,
        default=ArticleStatus.DRAFT,
    )
    published_at = models.DateTimeField(_("thời điểm đăng"), null=True, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = models.Manager()
    published = PublishedManager()

    class Meta:
        verbose_name = _("bài viết")
        verbose_name_plural = _("bài viết")
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["status", "published_at"])]
        permissions = [("publish_article", _("Được đăng (xuất bản) bài viết"))]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.body = clean_html(self.body)
        if not self.slug:
            self.slug = unique_slug(self.title, exclude=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("news:detail", args=[self.slug])


def unique_slug(title: str, exclude: int | None = None) -> str:
    """The title's slug, with -2, -3 … appended when another article has it."""
    base = slug_for(title)
    taken = set(
        Article.objects.filter(slug__startswith=base)
        .exclude(pk=exclude)
        .values_list("slug", flat=True)
    )
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug
