"""News in the admin: writers draft, editors (news.publish_article) publish."""

from django.contrib import admin, messages

from .models import Article, ArticleStatus, Category
from .services import may_publish, publish, unpublish


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "category", "agency", "status", "published_at", "author"]
    list_filter = ["status", "category", "agency"]
    search_fields = ["title", "summary"]
    date_hierarchy = "published_at"
    list_select_related = ["category", "agency", "author"]
    autocomplete_fields = ["agency"]
    fields = [
        "title",
        "slug",
        "summary",
        "body",
        "cover",
        "cover_alt",
        "category",
        "agency",
        "status",
        "published_at",
        "author",
    ]
    actions = ["publish_selected", "unpublish_selected"]

    def get_readonly_fields(self, request, obj=None):
        # Writers prepare drafts; the status and the publish time belong to the editor.
        readonly = ["author"]
        if not may_publish(request.user):
            readonly += ["status", "published_at"]
        return readonly

    def save_model(self, request, obj, form, change):
        if not change:
            obj.author = request.user
        if obj.status == ArticleStatus.PUBLISHED and obj.published_at is None:
            publish(obj, user=request.user)
            return
        super().save_model(request, obj, form, change)

    @admin.action(description="Đăng các bài đã chọn", permissions=["publish"])
    def publish_selected(self, request, queryset):
        for article in queryset.filter(status=ArticleStatus.DRAFT):
            publish(article, user=request.user)
        self.message_user(request, "Đã đăng các bài đã chọn.", messages.SUCCESS)

    @admin.action(description="Gỡ các bài đã chọn (về bản nháp)", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        for article in queryset.filter(status=ArticleStatus.PUBLISHED):
            unpublish(article, user=request.user)
        self.message_user(request, "Đã gỡ các bài đã chọn.", messages.SUCCESS)

    def has_publish_permission(self, request):
        return may_publish(request.user)

    def has_change_permission(self, request, obj=None):
        # What is on the portal changes only through an editor.
        if (
            obj is not None
            and obj.status == ArticleStatus.PUBLISHED
            and not may_publish(request.user)
        ):
            return False
        return super().has_change_permission(request, obj)
