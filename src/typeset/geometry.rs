//! Where things go on the page: one struct holding every position and size of the letter
//! layout, so the envelope window, the margins or the type size can be tuned in one place.
//!
//! Distances are in millimetres from the top-left corner of the page (the way a ruler is laid
//! on paper); type sizes are in PostScript points. The layout code converts to points once.

use super::error::TypesetError;

/// Millimetres to PostScript points (1 in = 25.4 mm = 72 pt).
pub(crate) const PT_PER_MM: f32 = 72.0 / 25.4;

/// The geometry of a French letter on A4, folded in three for a DL window envelope.
///
/// The defaults follow NF Z 11-001 practice (a recommendation only, see
/// `reference/legal.md` §5.3) and La Poste's window envelopes:
///
/// - A DL envelope (110 × 220 mm) has a 45 × 100 mm window, 20 mm from its right edge and
///   15 mm from its bottom edge, i.e. 50–95 mm from its top and 100–200 mm from its left.
///   Folded in three, the letter's top panel (99 mm) can slide about 11 mm down and 10 mm
///   sideways inside the envelope, so the part of the page that is always in the window is
///   about 50–84 mm from the top and 100–190 mm from the left. The recipient block starts
///   at 110 mm and its first line's top sits at 50 mm; six address lines (La Poste's maximum,
///   seven from abroad) end before 84 mm at the address leading.
/// - The fold marks sit at 99 and 198 mm, where the page is folded into thirds.
/// - The text area leaves 25 mm on the left (room to staple or punch) and 20 mm elsewhere,
///   within the 2 cm AFNOR margins.
#[derive(Clone, Debug, PartialEq)]
pub struct PageGeometry {
    /// Page width (A4: 210 mm).
    pub page_width: f32,
    /// Page height (A4: 297 mm).
    pub page_height: f32,
    /// Left edge of the text area.
    pub margin_left: f32,
    /// Distance from the right edge of the text area to the edge of the page.
    pub margin_right: f32,
    /// Top edge of the text area: the sender block and the running head start here.
    pub margin_top: f32,
    /// Distance from the bottom of the text area to the bottom of the page. The « page 1/2 »
    /// footer is set inside the text area, at its bottom.
    pub margin_bottom: f32,
    /// Left edge of the recipient block (the envelope window).
    pub recipient_left: f32,
    /// Top of the recipient block's first line (capitals and ascenders), from the top of the
    /// page.
    pub recipient_top: f32,
    /// Lowest point the recipient block may reach and still show in the window. Longer blocks
    /// are still set (never cut), pushing what follows down.
    pub recipient_bottom: f32,
    /// Top of the place-and-date line, set at `recipient_left`, below the window. It moves
    /// down if the recipient block is taller than the window.
    pub place_date_top: f32,
    /// Left edge of the signature block (conventionally in the right half).
    pub signature_left: f32,
    /// Height left blank for the handwritten signature between the last line of text and the
    /// printed name (plus one line: the name's own).
    pub signature_space: f32,
    /// Distances of the fold marks from the top of the page (folds into thirds).
    pub fold_marks: Vec<f32>,
    /// Horizontal extent of a fold mark: from the page's left edge plus `.0` to `.1`. Marks
    /// are the only thing drawn in the margin, on purpose.
    pub fold_mark_span: (f32, f32),
    /// Type sizes and leadings.
    pub type_scale: TypeScale,
}

/// Sizes in points, leadings (baseline to baseline) in points.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeScale {
    /// Body text size.
    pub body_size: f32,
    /// Baseline-to-baseline distance in the body, the subject and the signature.
    pub body_leading: f32,
    /// Baseline-to-baseline distance in the sender and recipient blocks (address blocks are
    /// set solid so six lines fit in the envelope window).
    pub address_leading: f32,
    /// Extra space between two body paragraphs.
    pub paragraph_skip: f32,
    /// First-line indent of body paragraphs (French « alinéa »); 0 for block paragraphs.
    pub paragraph_indent: f32,
    /// Size of the running head and page numbers.
    pub small_size: f32,
    /// Superscripts (« er » of « 1er ») are set at this fraction of the surrounding size…
    pub superscript_scale: f32,
    /// …with their baseline raised by this fraction of the surrounding size.
    pub superscript_rise: f32,
    /// Indent of list items (the dash hangs in it).
    pub list_indent: f32,
}

impl Default for TypeScale {
    fn default() -> Self {
        TypeScale {
            body_size: 11.0,
            body_leading: 13.6,
            address_leading: 13.0,
            paragraph_skip: 6.0,
            paragraph_indent: 0.0,
            small_size: 8.5,
            superscript_scale: 0.66,
            superscript_rise: 0.36,
            list_indent: 16.0,
        }
    }
}

impl Default for PageGeometry {
    fn default() -> Self {
        PageGeometry {
            page_width: 210.0,
            page_height: 297.0,
            margin_left: 25.0,
            margin_right: 20.0,
            margin_top: 17.0,
            margin_bottom: 15.0,
            recipient_left: 110.0,
            recipient_top: 50.0,
            recipient_bottom: 84.0,
            place_date_top: 92.0,
            signature_left: 110.0,
            signature_space: 16.0,
            fold_marks: vec![99.0, 198.0],
            fold_mark_span: (4.0, 9.0),
            type_scale: TypeScale::default(),
        }
    }
}

impl PageGeometry {
    /// Rejects geometries that leave no room for text, so the layout code can rely on
    /// positive widths.
    pub(crate) fn validate(&self) -> Result<(), TypesetError> {
        let invalid = |why: &str| Err(TypesetError::InvalidGeometry(why.to_string()));
        let t = &self.type_scale;
        let all = [
            self.page_width,
            self.page_height,
            self.margin_left,
            self.margin_right,
            self.margin_top,
            self.margin_bottom,
            self.recipient_left,
            self.recipient_top,
            self.recipient_bottom,
            self.place_date_top,
            self.signature_left,
            self.signature_space,
            t.body_size,
            t.body_leading,
            t.address_leading,
            t.paragraph_skip,
            t.paragraph_indent,
            t.small_size,
            t.superscript_scale,
            t.superscript_rise,
            t.list_indent,
        ];
        if all.iter().any(|v| !v.is_finite() || *v < 0.0) {
            return invalid("une valeur est négative ou n'est pas un nombre");
        }
        if self.text_width_mm() < 40.0
            || self.page_height - self.margin_top - self.margin_bottom < 80.0
        {
            return invalid("les marges ne laissent pas assez de place au texte");
        }
        let right_edge = self.page_width - self.margin_right;
        if self.recipient_left < self.margin_left || right_edge - self.recipient_left < 30.0 {
            return invalid("le bloc du destinataire doit tenir entre les marges");
        }
        if self.signature_left < self.margin_left || right_edge - self.signature_left < 30.0 {
            return invalid("le bloc de signature doit tenir entre les marges");
        }
        if t.body_size < 4.0 || t.small_size < 4.0 || t.body_leading < t.body_size {
            return invalid("le corps ou l'interligne est trop petit");
        }
        if t.address_leading < t.body_size {
            return invalid("l'interligne des adresses est plus petit que le corps");
        }
        let half_width_pt = self.text_width_mm() * PT_PER_MM / 2.0;
        if t.paragraph_indent > half_width_pt || t.list_indent > half_width_pt {
            return invalid("le retrait des paragraphes ou des listes est trop grand");
        }
        Ok(())
    }

    /// Width of the text area.
    pub(crate) fn text_width_mm(&self) -> f32 {
        self.page_width - self.margin_left - self.margin_right
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_geometry_is_valid() {
        assert_eq!(PageGeometry::default().validate(), Ok(()));
    }

    #[test]
    fn negative_margin_is_rejected() {
        let g = PageGeometry {
            margin_left: -1.0,
            ..PageGeometry::default()
        };
        assert!(matches!(
            g.validate(),
            Err(TypesetError::InvalidGeometry(_))
        ));
    }

    #[test]
    fn recipient_outside_the_text_area_is_rejected() {
        let g = PageGeometry {
            recipient_left: 185.0,
            ..PageGeometry::default()
        };
        assert!(matches!(
            g.validate(),
            Err(TypesetError::InvalidGeometry(_))
        ));
    }
}
