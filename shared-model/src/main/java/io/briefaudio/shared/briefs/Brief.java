package io.briefaudio.shared.briefs;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.CreationTimestamp;

/** A daily brief: a title and an ordered list of text items to narrate. */
@Entity
@Table(name = "brief")
public class Brief extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String language;

    /** The owning tenant; 1 ("default") when auth is off. */
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public long tenantId = 1;

    /** {@code brief} for people's briefs, {@code speech} for one OpenAI-compatible speech request (unlisted). */
    @Column(nullable = false, insertable = false, updatable = false)
    public String origin;

    @CreationTimestamp
    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @OneToMany(mappedBy = "brief", cascade = CascadeType.PERSIST)
    @OrderBy("position")
    public List<BriefItem> items = new ArrayList<>();

    public void addItem(BriefItem item) {
        item.brief = this;
        item.position = items.size() + 1;
        items.add(item);
    }
}
